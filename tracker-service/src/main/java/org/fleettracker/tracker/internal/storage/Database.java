package org.fleettracker.tracker.internal.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The tracker's database, migrated by Flyway when opened: by default the H2 file {@code <dataDir>/tracker}, or an
 * external H2 or PostgreSQL database given by its JDBC URL.
 *
 * <p>Thread-safe: each caller borrows its own connection from a small pool.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Connections in the pool: one writer plus HTTP readers. */
    private static final int MAX_CONNECTIONS = 8;

    /** Maximum wait for a PostgreSQL connection in milliseconds, so that a batch retry or health check ends. */
    private static final long POSTGRESQL_CONNECTION_TIMEOUT_MS = 5_000;

    /** User of an H2 database when none is given. */
    public static final String H2_DEFAULT_USER = "sa";

    private final DataSource pool;
    private final AutoCloseable closer;
    private final Dialect dialect;
    private final String maskedUrl;

    private Database(DataSource pool, AutoCloseable closer, Dialect dialect, String maskedUrl) {
        this.pool = pool;
        this.closer = closer;
        this.dialect = dialect;
        this.maskedUrl = maskedUrl;
    }

    /** Opens (and creates when missing) the database file {@code <dataDir>/tracker.mv.db} and migrates it. */
    public static Database open(Path dataDir) {
        return open(jdbcUrl(dataDir), null, "");
    }

    /** Opens the database at {@code url} as the default user without a password, and migrates it. */
    public static Database open(String url) {
        return open(url, null, "");
    }

    /**
     * Opens the database at {@code url}, such as {@code jdbc:h2:tcp://127.0.0.1:9092/tracker} or {@code
     * jdbc:postgresql://127.0.0.1:5432/fleet}, and migrates it with the migrations of its dialect. A PostgreSQL URL
     * gets {@code reWriteBatchedInserts=true} unless it sets that property itself.
     *
     * @param user the database user; null means {@code sa} on H2 and the URL's {@code user} property (else the
     *     driver's default) on PostgreSQL
     * @throws IllegalArgumentException when the URL is neither H2 nor PostgreSQL
     * @throws IllegalStateException when the database cannot be reached or migrated; the message names the URL with
     *     its password hidden
     */
    public static Database open(String url, @Nullable String user, String password) {
        Dialect dialect = Dialect.fromUrl(url);
        String effectiveUrl = dialect == Dialect.POSTGRESQL ? withBatchRewrite(url) : url;
        String maskedUrl = dialect.maskPassword(effectiveUrl);
        Database database =
                switch (dialect) {
                    case H2 -> openH2(effectiveUrl, user, password, maskedUrl);
                    case POSTGRESQL -> openPostgresql(effectiveUrl, user, password, maskedUrl);
                };
        try {
            Flyway.configure()
                    .dataSource(database.pool)
                    .locations(dialect.migrationLocation())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            database.close();
            throw new IllegalStateException("Migrating the database " + maskedUrl + " failed: " + e.getMessage(), e);
        }
        log.info("Database {} ({}) is open and migrated", maskedUrl, dialect.productName());
        return database;
    }

    private static Database openH2(String url, @Nullable String user, String password, String maskedUrl) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, user == null ? H2_DEFAULT_USER : user, password);
        pool.setMaxConnections(MAX_CONNECTIONS);
        return new Database(pool, pool::dispose, Dialect.H2, maskedUrl);
    }

    /** Opens a HikariCP pool, which replaces a connection that broke, such as after a server restart. */
    private static Database openPostgresql(String url, @Nullable String user, String password, String maskedUrl) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tracker-db");
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (!password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setConnectionTimeout(POSTGRESQL_CONNECTION_TIMEOUT_MS);
        try {
            // The pool connects once at start and fails at once when it cannot.
            HikariDataSource pool = new HikariDataSource(config);
            return new Database(pool, pool, Dialect.POSTGRESQL, maskedUrl);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "Connecting to the database " + maskedUrl + (user == null ? "" : " as user " + user) + " failed: "
                            + cause.getMessage(),
                    e);
        }
    }

    /** Returns the URL with {@code reWriteBatchedInserts=true} added, unless it sets that property already. */
    static String withBatchRewrite(String url) {
        if (url.toLowerCase(Locale.ROOT).contains("rewritebatchedinserts=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /** Returns the JDBC URL of the database file under {@code dataDir}. */
    public static String jdbcUrl(Path dataDir) {
        // DB_CLOSE_ON_EXIT=FALSE: close() runs from the tracker's shutdown hook, after H2's own hook would have run.
        // WRITE_DELAY=0: H2 otherwise writes commits to the file up to 500 ms later, so a killed process would lose
        // batches that were committed and already acknowledged to the broker.
        // NOTE: H2 does not fsync on commit; a kill of the process is covered, a power loss is not.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tracker") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Returns whether a connection can be borrowed and reports itself valid within one second. */
    public boolean isHealthy() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            log.debug("Database health check failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            log.warn("Closing the database {} failed: {}", maskedUrl, e.getMessage());
            log.debug("Close failure", e);
            return;
        }
        log.info("Database {} closed", maskedUrl);
    }
}
