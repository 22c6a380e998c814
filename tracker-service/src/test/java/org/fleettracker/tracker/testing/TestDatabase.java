package org.fleettracker.tracker.testing;

import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.Dialect;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An empty database for one test: an H2 file in a new temp folder, or a new schema in the PostgreSQL database that
 * {@value #URL_ENV} names. {@link #close()} deletes the folder or drops the schema. Tests get one through
 * {@link DatabaseTest}.
 */
public final class TestDatabase implements AutoCloseable {

    /** JDBC URL of a PostgreSQL database in which the tests may create and drop schemas. */
    public static final String URL_ENV = "FLEET_TEST_POSTGRES_URL";

    public static final String USER_ENV = "FLEET_TEST_POSTGRES_USER";

    public static final String PASSWORD_ENV = "FLEET_TEST_POSTGRES_PASSWORD";

    /** Why the PostgreSQL cases are skipped, and how to run them. */
    static final String POSTGRES_MISSING = "PostgreSQL cases are skipped: set " + URL_ENV
            + " (such as jdbc:postgresql://127.0.0.1:5432/fleet_test), " + USER_ENV + " and " + PASSWORD_ENV
            + " to run them; as root, 'source .ci/postgres.bash && start_test_postgres' starts Debian's server and"
            + " exports all three";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Dialect dialect;
    private final String url;
    private final @Nullable String user;
    private final String password;
    private final AutoCloseable cleanup;

    private TestDatabase(Dialect dialect, String url, @Nullable String user, String password, AutoCloseable cleanup) {
        this.dialect = dialect;
        this.url = url;
        this.user = user;
        this.password = password;
        this.cleanup = cleanup;
    }

    /** Returns whether {@value #URL_ENV} is set, so that the PostgreSQL cases can run. */
    static boolean postgresConfigured(Map<String, String> environment) {
        String url = environment.get(URL_ENV);
        return url != null && !url.isBlank();
    }

    /** Creates an H2 database file in a new temp folder. */
    static TestDatabase h2() {
        try {
            Path folder = Files.createTempDirectory("fleet-h2-test-");
            return new TestDatabase(Dialect.H2, Database.jdbcUrl(folder), null, "", () -> deleteTree(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("Creating a temp folder for H2 failed: " + e.getMessage(), e);
        }
    }

    /** Creates a new schema in the PostgreSQL database of {@value #URL_ENV}, as its user. */
    static TestDatabase postgres(Map<String, String> environment) throws SQLException {
        String baseUrl = environment.get(URL_ENV);
        String user = environment.get(USER_ENV);
        String password = environment.getOrDefault(PASSWORD_ENV, "");
        if (Dialect.fromUrl(baseUrl) != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException(URL_ENV + " must be a jdbc:postgresql: URL, got " + baseUrl);
        }
        String schema = "test_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        execute(baseUrl, user, password, "CREATE SCHEMA " + schema);
        String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(
                Dialect.POSTGRESQL,
                url,
                user,
                password,
                () -> execute(baseUrl, user, password, "DROP SCHEMA " + schema + " CASCADE"));
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Returns the JDBC URL, which selects this test's schema on PostgreSQL. */
    public String url() {
        return url;
    }

    public @Nullable String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Opens the database the way the tracker does, which migrates it. */
    public Database open() {
        return Database.open(url, user, password);
    }

    /** Opens a plain JDBC connection, without a pool and without migrating. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user == null ? Database.H2_DEFAULT_USER : user, password);
    }

    /** Sets the tracker's database settings to this database. */
    public TrackerSettings.Builder applyTo(TrackerSettings.Builder settings) {
        return settings.dbUrl(url).dbUser(user).dbPassword(password);
    }

    /**
     * Returns the instant as this database gives it back: unchanged on H2, rounded to the nearest microsecond on
     * PostgreSQL, whose JDBC driver rounds half up when it sends a time.
     */
    public Instant stored(Instant instant) {
        if (dialect == Dialect.H2) {
            return instant;
        }
        int subMicros = instant.getNano() % 1_000;
        Instant truncated = instant.minusNanos(subMicros);
        return subMicros >= 500 ? truncated.plusNanos(1_000) : truncated;
    }

    @Override
    public void close() throws Exception {
        cleanup.close();
    }

    @Override
    public String toString() {
        return dialect.productName();
    }

    private static void execute(String url, @Nullable String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
