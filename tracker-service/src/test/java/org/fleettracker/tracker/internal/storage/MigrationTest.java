package org.fleettracker.tracker.internal.storage;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An upgrade from a version 1 database keeps every row and value. */
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

    @TempDir
    Path dataDir;

    @Test
    void upgrade_from_version_1_keeps_positions_and_rejects() throws SQLException {
        String url = Database.jdbcUrl(dataDir);
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration")
                .target("1")
                .load()
                .migrate();
        List<String> before;
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            execute(connection, V1_POSITIONS);
            execute(connection, V1_REJECTS);
            before = rows(connection, "SELECT * FROM positions ORDER BY id");
            assertThat(rows(connection, "SELECT MAX(\"version\") FROM \"flyway_schema_history\""))
                    .containsExactly("1");
        }

        try (Database database = Database.open(dataDir);
                Connection connection = database.connection()) {
            assertThat(rows(
                            connection,
                            "SELECT CAST(MAX(CAST(\"version\" AS INT)) AS INT) >= 4 FROM"
                                    + " \"flyway_schema_history\""))
                    .containsExactly("TRUE");
            assertThat(rows(connection, "SELECT panic FROM positions")).containsOnly("null");
            assertThat(rows(
                            connection,
                            "SELECT id, fleet_id, vehicle_id, seq, fix_time, received_time, lat, lon, speed_kmh,"
                                    + " heading_deg, altitude_m, accuracy_m, odometer_m, ignition, battery_pct"
                                    + " FROM positions ORDER BY id"))
                    .isEqualTo(before);
            assertThat(rows(connection, "SELECT time_corrected, outlier, low_confidence FROM positions"))
                    .containsOnly("FALSE|FALSE|FALSE")
                    .hasSize(3);
            assertThat(rows(connection, "SELECT reason, detail, payload_excerpt FROM rejects"))
                    .containsExactly("malformed_json|not JSON|{oops");
            assertThat(rows(connection, "SELECT payload_size, payload_head FROM rejects"))
                    .containsExactly("null|null");
            List<StoredPosition> v1 = new PositionStore().findByFixTime(connection, "v1", null, null, 10);
            assertThat(v1).hasSize(2);
            assertThat(v1.get(0).fix().fixTime()).isEqualTo(Instant.parse("2026-11-01T08:00:00.123456789Z"));
            assertThat(v1.get(0).fix().accuracyM()).isEqualTo(5.0);
            assertThat(v1.get(1).fix().altitudeM()).isNull();
            assertThat(v1).allSatisfy(p -> assertThat(p.flags()).isEmpty());
        }
    }

    @Test
    void identity_columns_cache_1000_values() throws SQLException {
        try (Database database = Database.open(dataDir);
                Connection connection = database.connection()) {
            assertThat(rows(
                            connection,
                            "SELECT TABLE_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                                    + " WHERE IS_IDENTITY = 'YES' ORDER BY TABLE_NAME"))
                    .containsExactly("POSITIONS|1000", "REJECTS|1000");
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Returns each row as its column values joined by {@code |}. */
    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(result.getString(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
