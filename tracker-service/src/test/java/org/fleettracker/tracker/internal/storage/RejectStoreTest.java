package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Reject;
import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RejectStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private final RejectStore store = new RejectStore();
    private TestDatabase db;
    private Database database;

    @BeforeEach
    void openDatabase(TestDatabase db) {
        this.db = db;
        database = db.open();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @DatabaseTest
    void rejects_are_stored_with_payload_head() throws SQLException {
        byte[] large = new byte[RejectStore.MAX_PAYLOAD_HEAD_BYTES + 10];
        Arrays.fill(large, (byte) 'x');

        insert(List.of(reject("v1", "not JSON", "{oops".getBytes(StandardCharsets.UTF_8)), reject("v2", "big", large)));

        try (Connection connection = database.connection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT vehicle_id, detail, payload_size, payload_head FROM rejects ORDER BY vehicle_id");
                ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("detail")).isEqualTo("not JSON");
            assertThat(rows.getBytes("payload_head")).isEqualTo("{oops".getBytes(StandardCharsets.UTF_8));
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt("payload_size")).isEqualTo(large.length);
            assertThat(rows.getBytes("payload_head")).hasSize(RejectStore.MAX_PAYLOAD_HEAD_BYTES);
            assertThat(rows.next()).isFalse();
        }
    }

    @DatabaseTest
    void null_character_in_text_is_stored() throws SQLException {
        byte[] payload = "{\"a\":\u0000}".getBytes(StandardCharsets.UTF_8);

        insert(List.of(reject("v1", "bad \u0000 byte", payload)));

        String expectedDetail = db.dialect() == Dialect.H2 ? "bad \u0000 byte" : "bad \uFFFD byte";
        try (Connection connection = database.connection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT detail, payload_excerpt, payload_head FROM rejects");
                ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("detail")).isEqualTo(expectedDetail);
            assertThat(rows.getString("payload_excerpt")).hasSize(7);
            assertThat(rows.getBytes("payload_head")).isEqualTo(payload);
        }
    }

    private void insert(List<StoredReject> rejects) throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(connection, rejects);
        }
    }

    private static StoredReject reject(String vehicleId, String detail, byte[] payload) {
        String excerpt = new String(payload, 0, Math.min(payload.length, 200), StandardCharsets.UTF_8);
        Reject reject = new Reject(
                "demo",
                vehicleId,
                "fleet/demo/vehicles/" + vehicleId + "/telemetry",
                RejectReason.MALFORMED_JSON,
                detail,
                T0,
                excerpt);
        return new StoredReject(reject, payload);
    }
}
