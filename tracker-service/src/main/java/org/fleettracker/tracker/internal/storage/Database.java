package org.fleettracker.tracker.internal.storage;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The tracker's H2 database, migrated by Flyway when opened: by default the file {@code <dataDir>/tracker}, or an
 * external H2 server given by its JDBC URL.
 *
 * <p>Thread-safe: each caller borrows its own connection from a small pool.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Connections in the pool: one writer plus HTTP readers. */
    private static final int MAX_CONNECTIONS = 8;

    private final JdbcConnectionPool pool;
    private final String url;

    private Database(JdbcConnectionPool pool, String url) {
        this.pool = pool;
        this.url = url;
    }

    /** Opens (and creates when missing) the database file {@code <dataDir>/tracker.mv.db} and migrates it. */
    public static Database open(Path dataDir) {
        return open(jdbcUrl(dataDir));
    }

    /**
     * Opens the H2 database at {@code url}, such as {@code jdbc:h2:tcp://127.0.0.1:9092/tracker}, as user {@code sa}
     * and migrates it.
     *
     * @throws IllegalStateException when the database cannot be reached or migrated
     */
    public static Database open(String url) {
        // TODO: user sa without a password only; an H2 server that requires credentials needs --db-user/--db-password.
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw new IllegalStateException("Migrating the database " + url + " failed: " + e.getMessage(), e);
        }
        log.info("Database {} is open and migrated", url);
        return new Database(pool, url);
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
        pool.dispose();
        log.info("Database {} closed", url);
    }
}
