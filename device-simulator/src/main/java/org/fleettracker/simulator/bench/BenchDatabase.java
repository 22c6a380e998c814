package org.fleettracker.simulator.bench;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The database the benchmark's tracker stores to: its H2 file in the work folder, or a new schema in a PostgreSQL
 * database that {@link #close()} drops after the rows were read.
 */
final class BenchDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BenchDatabase.class);

    /** Environment variable with the database password, the same one the tracker reads. */
    static final String PASSWORD_ENV = "FLEET_TRACKER_DB_PASSWORD";

    private static final DateTimeFormatter SCHEMA_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final @Nullable String baseUrl;
    private final @Nullable String user;
    private final String password;
    private final @Nullable String schema;
    private final String readUrl;

    private BenchDatabase(
            @Nullable String baseUrl, @Nullable String user, String password, @Nullable String schema, String readUrl) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.readUrl = readUrl;
    }

    /** Uses the H2 file that the tracker keeps in {@code trackerDataDir}, read after the tracker stopped. */
    static BenchDatabase h2(Path trackerDataDir) {
        String url = "jdbc:h2:file:" + trackerDataDir.toAbsolutePath().resolve("tracker") + ";ACCESS_MODE_DATA=r";
        return new BenchDatabase(null, "sa", "", null, url);
    }

    /**
     * Creates a new schema {@code fleet_bench_<UTC time>} in the PostgreSQL database.
     *
     * @throws SQLException when the database cannot be reached or the schema not created
     */
    static BenchDatabase postgresql(String url, @Nullable String user, String password) throws SQLException {
        // Checked before the transport phase, so that a wrong login fails the run at once.
        String schema = "fleet_bench_" + SCHEMA_TIME.format(Instant.now());
        execute(url, user, password, "CREATE SCHEMA " + schema);
        log.info(
                "Created schema {} in {} for the tracker; the run drops it at its end, and after an interrupted run"
                        + " DROP SCHEMA {} CASCADE removes it",
                schema,
                mask(url),
                schema);
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new BenchDatabase(url, user, password, schema, schemaUrl);
    }

    /** Returns the tracker's options that select this database, none for the H2 file. */
    List<String> trackerArguments() {
        if (schema == null) {
            return List.of();
        }
        return user == null ? List.of("--db-url", readUrl) : List.of("--db-url", readUrl, "--db-user", user);
    }

    /** Returns the tracker's environment for this database: the password, if any. */
    Map<String, String> trackerEnvironment() {
        Map<String, String> environment = new HashMap<>();
        if (!password.isEmpty()) {
            environment.put(PASSWORD_ENV, password);
        }
        return environment;
    }

    /** Opens a connection to read the stored rows. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(readUrl, user, password);
    }

    /** Describes the database for the report, without a password. */
    String describe() {
        return schema == null ? "H2 file" : "PostgreSQL " + mask(readUrl);
    }

    @Override
    public void close() throws SQLException {
        if (baseUrl != null && schema != null) {
            execute(baseUrl, user, password, "DROP SCHEMA " + schema + " CASCADE");
            log.info("Dropped schema {}", schema);
        }
    }

    /** Returns the URL with the value of a {@code password=} property hidden. */
    static String mask(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static void execute(String url, @Nullable String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
