package org.fleettracker.tracker.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The databases the tracker stores to, and the SQL that differs between them. Every other statement of the stores is
 * written once and runs on both.
 */
public enum Dialect {
    H2("jdbc:h2:", "H2", "classpath:db/migration/h2", Pattern.compile("(?i)(PASSWORD=)[^;]*")),
    POSTGRESQL(
            "jdbc:postgresql:",
            "PostgreSQL",
            "classpath:db/migration/postgresql",
            Pattern.compile("(?i)(password=)[^&]*"));

    private final String urlPrefix;
    private final String productName;
    private final String migrationLocation;
    private final Pattern passwordSetting;

    Dialect(String urlPrefix, String productName, String migrationLocation, Pattern passwordSetting) {
        this.urlPrefix = urlPrefix;
        this.productName = productName;
        this.migrationLocation = migrationLocation;
        this.passwordSetting = passwordSetting;
    }

    /**
     * Returns the dialect of a JDBC URL.
     *
     * @throws IllegalArgumentException when the URL is neither {@code jdbc:h2:} nor {@code jdbc:postgresql:}
     */
    public static Dialect fromUrl(String url) {
        String lower = url.strip().toLowerCase(Locale.ROOT);
        for (Dialect dialect : values()) {
            if (lower.startsWith(dialect.urlPrefix)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("Unsupported database URL " + maskAnyPassword(url)
                + ": expected jdbc:h2:... or jdbc:postgresql://HOST[:PORT]/DATABASE");
    }

    /**
     * Returns the dialect of an open connection, from the product name its driver reports.
     *
     * @throws SQLException when the connection belongs to another database
     */
    public static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        for (Dialect dialect : values()) {
            if (dialect.productName.equals(product)) {
                return dialect;
            }
        }
        throw new SQLException("Unsupported database product " + product + ": the tracker stores to H2 or PostgreSQL");
    }

    /** Returns the Flyway location of this dialect's migrations. */
    public String migrationLocation() {
        return migrationLocation;
    }

    /** Returns the name the database reports for itself, such as {@code PostgreSQL}. */
    public String productName() {
        return productName;
    }

    /** Returns {@code url} with the value of its password setting hidden, for logs and messages. */
    public String maskPassword(String url) {
        return passwordSetting.matcher(url).replaceAll("$1***");
    }

    /** Returns {@code url} with a password setting of either dialect hidden, for a URL whose dialect is unknown. */
    public static String maskAnyPassword(String url) {
        String masked = url;
        for (Dialect dialect : values()) {
            masked = dialect.maskPassword(masked);
        }
        return masked;
    }

    /**
     * Returns an INSERT of one row that replaces the stored row with the same key.
     *
     * @param columns the comma-separated columns, bound in this order
     * @param keyColumns the comma-separated columns of the primary key or a unique constraint
     */
    public String upsert(String table, String columns, String keyColumns) {
        return switch (this) {
            case H2 ->
                "MERGE INTO " + table + " (" + columns + ") KEY (" + keyColumns + ") VALUES (" + placeholders(columns)
                        + ")";
            case POSTGRESQL -> {
                List<String> keys = split(keyColumns);
                String updates = split(columns).stream()
                        .filter(column -> !keys.contains(column))
                        .map(column -> column + " = EXCLUDED." + column)
                        .collect(Collectors.joining(", "));
                yield "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders(columns) + ")"
                        + " ON CONFLICT (" + keyColumns + ") DO UPDATE SET " + updates;
            }
        };
    }

    /**
     * Returns an INSERT of one row that does nothing when a row with the same key is stored. On H2 the key values are
     * bound a second time after the columns ({@link #bindsKeyTwice()}).
     *
     * @param columns the comma-separated columns, bound in this order
     * @param keyColumns the comma-separated columns of the primary key or a unique constraint
     */
    public String insertIfAbsent(String table, String columns, String keyColumns) {
        return switch (this) {
            case H2 ->
                "INSERT INTO " + table + " (" + columns + ") SELECT " + placeholders(columns) + " FROM DUAL"
                        + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE "
                        + split(keyColumns).stream().map(key -> key + " = ?").collect(Collectors.joining(" AND "))
                        + ")";
            case POSTGRESQL ->
                "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders(columns) + ")" + " ON CONFLICT ("
                        + keyColumns + ") DO NOTHING";
        };
    }

    /** Returns whether {@link #insertIfAbsent} takes the key values again after the columns. */
    public boolean bindsKeyTwice() {
        return this == H2;
    }

    /**
     * Returns whether {@link java.sql.PreparedStatement#executeBatch()} returns the row count of each statement. The
     * PostgreSQL driver 42.7 rewrites a batch of INSERTs into multi-row INSERTs ({@code reWriteBatchedInserts}) and
     * then returns {@link java.sql.Statement#SUCCESS_NO_INFO} for the rewritten statements.
     */
    public boolean reportsBatchRowCounts() {
        return this == H2;
    }

    /**
     * Returns whether the ingest looks up a batch's fixes in one query rather than one query per fix. True for
     * PostgreSQL, where each query costs a network round trip. H2 keeps the per-fix look-ups, which its planner serves
     * from the index directly.
     */
    public boolean prefersBatchLookups() {
        return this == POSTGRESQL;
    }

    /**
     * Returns text that the database can store. PostgreSQL rejects the character U+0000 in text, so on PostgreSQL it
     * is replaced with U+FFFD. H2 stores it as it is.
     */
    public String storableText(String text) {
        // TODO: only rejects pass through here; a U+0000 in a name from the HTTP API fails its INSERT on PostgreSQL.
        return this == POSTGRESQL && text.indexOf('\u0000') >= 0 ? text.replace('\u0000', '\uFFFD') : text;
    }

    private static String placeholders(String columns) {
        return String.join(", ", Collections.nCopies(split(columns).size(), "?"));
    }

    private static List<String> split(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).toList();
    }
}
