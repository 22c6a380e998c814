package org.fleettracker.tracker.internal.storage;

import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** An upgrade from a version 1 database keeps every row and value, on H2 and on PostgreSQL. */
class MigrationTest {

    private static final String V1_POSITIONS = "INSERT INTO positions (fleet_id, vehicle_id, seq, fix_time,"
            + " received_time, lat, lon, speed_kmh, heading_deg, altitude_m, accuracy_m, odometer_m, ignition,"
            + " battery_pct) VALUES"
            + " ('demo', 'v1', 1, TIMESTAMP WITH TIME ZONE '2026-11-01 08:00:00.123456789+00',"
            + " TIMESTAMP WITH TIME ZONE '2026-11-01 08:00:01+00', 52.5, 13.4, 36.5, 45, 40, 5, 1000, TRUE, 80),"
            + " ('demo', 'v1', 2, TIMESTAMP WITH TIME ZONE '2026-11-01 08:00:02+00',"
            + " TIMESTAMP WITH TIME ZONE '2026-11-01 08:00:03+00', 52.6, 13.5, 0, 359.5, NULL, NULL, NULL, NULL,"
            + " NULL),"
            + " ('north', 'v2', 7, TIMESTAMP WITH TIME ZONE '2026-11-02 09:00:00+01',"
            + " TIMESTAMP WITH TIME ZONE '2026-11-02 08:00:00+00', -33.9, 151.2, 10, 90, -5, 3, 2, FALSE, 100)";

    private static final String V1_REJECTS = "INSERT INTO rejects (fleet_id, vehicle_id, topic, reason, detail,"
            + " received_time, payload_excerpt) VALUES ('demo', 'v1', 'fleet/demo/vehicles/v1/telemetry',"
            + " 'malformed_json', 'not JSON', TIMESTAMP WITH TIME ZONE '2026-11-01 08:00:05+00', '{oops')";

    /**
     * Flyway checksums of the H2 migrations as H2 databases recorded them before the scripts moved to
     * {@code db/migration/h2}. Flyway refuses to migrate a database whose recorded checksum differs, so the scripts
     * must stay byte for byte as they are.
     */
    private static final Map<String, Integer> H2_CHECKSUMS = Map.of(
            "1", 431024224,
            "2", 1171214493,
            "3", -916311258,
            "4", -383582948,
            "5", 1897298006,
            "6", -1659905534,
            "7", -503687338,
            "8", 1310197625,
            "9", 1221963833);

    @DatabaseTest
    void upgrade_from_version_1_keeps_positions_and_rejects(TestDatabase db) throws SQLException {
        Flyway.configure()
                .dataSource(db.url(), db.user() == null ? "sa" : db.user(), db.password())
                .locations(db.dialect().migrationLocation())
                .target("1")
                .load()
                .migrate();
        List<String> before;
        try (Connection connection = db.connect()) {
            execute(connection, V1_POSITIONS);
            execute(connection, V1_REJECTS);
            before = rows(connection, "SELECT * FROM positions ORDER BY id");
            assertThat(rows(connection, "SELECT MAX(\"version\") FROM \"flyway_schema_history\""))
                    .containsExactly("1");
        }

        try (Database database = db.open();
                Connection connection = database.connection()) {
            assertThat(rows(
                            connection,
                            "SELECT CAST(MAX(CAST(\"version\" AS INT)) AS INT) >= 4 FROM"
                                    + " \"flyway_schema_history\""))
                    .containsExactly("true");
            assertThat(rows(connection, "SELECT panic FROM positions")).containsOnly("null");
            assertThat(rows(
                            connection,
                            "SELECT id, fleet_id, vehicle_id, seq, fix_time, received_time, lat, lon, speed_kmh,"
                                    + " heading_deg, altitude_m, accuracy_m, odometer_m, ignition, battery_pct"
                                    + " FROM positions ORDER BY id"))
                    .isEqualTo(before);
            assertThat(rows(connection, "SELECT time_corrected, outlier, low_confidence FROM positions"))
                    .containsOnly("false|false|false")
                    .hasSize(3);
            assertThat(rows(connection, "SELECT reason, detail, payload_excerpt FROM rejects"))
                    .containsExactly("malformed_json|not JSON|{oops");
            assertThat(rows(connection, "SELECT payload_size, payload_head FROM rejects"))
                    .containsExactly("null|null");
            List<StoredPosition> v1 = new PositionStore().findByFixTime(connection, "v1", null, null, 10);
            assertThat(v1).hasSize(2);
            assertThat(v1.get(0).fix().fixTime()).isEqualTo(db.stored(Instant.parse("2026-11-01T08:00:00.123456789Z")));
            assertThat(v1.get(0).fix().accuracyM()).isEqualTo(5.0);
            assertThat(v1.get(1).fix().altitudeM()).isNull();
            assertThat(v1).allSatisfy(p -> assertThat(p.flags()).isEmpty());
        }
    }

    @Test
    void h2_scripts_keep_the_checksums_of_existing_databases(@TempDir Path dataDir) {
        Flyway flyway = Flyway.configure()
                .dataSource(Database.jdbcUrl(dataDir), "sa", "")
                .locations(Dialect.H2.migrationLocation())
                .target("9")
                .load();

        Map<String, Integer> checksums = new TreeMap<>();
        for (MigrationInfo migration : flyway.info().all()) {
            checksums.put(migration.getVersion().getVersion(), migration.getChecksum());
        }

        assertThat(checksums).containsAllEntriesOf(H2_CHECKSUMS);
    }

    @Test
    void both_dialects_have_the_same_versions(@TempDir Path dataDir) {
        List<String> h2 = versions(dataDir, Dialect.H2);

        List<String> postgresql = versions(dataDir, Dialect.POSTGRESQL);

        assertThat(h2).contains("1", "9");
        assertThat(postgresql).isEqualTo(h2);
    }

    /** Returns the versions of a dialect's migrations, all pending on an empty H2 database, which runs none. */
    private static List<String> versions(Path dataDir, Dialect dialect) {
        Flyway flyway = Flyway.configure()
                .dataSource(Database.jdbcUrl(dataDir), "sa", "")
                .locations(dialect.migrationLocation())
                .load();
        return Arrays.stream(flyway.info().all())
                .map(migration -> migration.getVersion().getVersion())
                .toList();
    }

    @DatabaseTest
    void identity_columns_cache_per_dialect(TestDatabase db) throws SQLException {
        try (Database database = db.open();
                Connection connection = database.connection()) {
            if (db.dialect() == Dialect.H2) {
                assertThat(rows(
                                connection,
                                "SELECT TABLE_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                                        + " WHERE IS_IDENTITY = 'YES' ORDER BY TABLE_NAME"))
                        .containsExactly("POSITIONS|1000", "REJECTS|1000");
            } else {
                // A cache in PostgreSQL is per session, so each pooled connection would skip its unused values.
                assertThat(rows(
                                connection,
                                "SELECT c.table_name, s.cache_size FROM information_schema.columns c"
                                        + " JOIN pg_sequences s ON s.schemaname = c.table_schema"
                                        + " AND s.sequencename = c.table_name || '_id_seq'"
                                        + " WHERE c.is_identity = 'YES' AND c.table_schema = current_schema()"
                                        + " ORDER BY c.table_name"))
                        .containsExactly("positions|1", "rejects|1");
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Returns each row as its column values joined by {@code |}; booleans read as {@code true} or {@code false}. */
    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(result.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
