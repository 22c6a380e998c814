package org.fleettracker.tracker.api;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.EventQuery;
import org.fleettracker.tracker.internal.storage.EventStore;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.StoredEvent;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.PositionAssertions;
import org.fleettracker.tracker.testing.TestDatabase;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ingest through the real pipeline into H2 and into PostgreSQL: positions with a repeated seq and a late fix, a
 * reject whose payload holds a U+0000 character, and the event a panic fix raises.
 */
@Timeout(120)
class DatabaseIngestIT {

    private static final String VEHICLE = "db-v1";
    private static final int TRACK_LENGTH = 40;

    @TempDir
    Path folder;

    @DatabaseTest
    void positions_rejects_and_events_are_stored(TestDatabase db) throws Exception {
        List<Telemetry> track = new ArrayList<>(Fixes.track(VEHICLE, 1, TRACK_LENGTH));
        Telemetry last = track.get(TRACK_LENGTH - 1);
        track.set(TRACK_LENGTH - 1, panic(last));
        byte[] badPayload = "{\"vehicleId\":\u0000}".getBytes(StandardCharsets.UTF_8);

        try (Tracker tracker = Tracker.start(
                        db.applyTo(TrackerHarness.settings(folder)).build());
                MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), VEHICLE)) {
            for (int i = 0; i < TRACK_LENGTH - 2; i++) {
                vehicle.publishFix(TestUsers.FLEET, track.get(i));
            }
            vehicle.publishFix(TestUsers.FLEET, track.get(5));
            vehicle.publishFix(TestUsers.FLEET, track.get(TRACK_LENGTH - 1));
            vehicle.publishFix(TestUsers.FLEET, track.get(TRACK_LENGTH - 2));
            vehicle.publish(Topics.telemetry(TestUsers.FLEET, VEHICLE), badPayload, false);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TrackerHarness.metric(tracker, "tracker_positions_stored_total") == TRACK_LENGTH
                            && TrackerHarness.metric(tracker, "tracker_positions_duplicates_total{kind=\"seq\"}") == 1
                            && rejectCount(db) == 1);
        }

        try (Database database = db.open();
                Connection connection = database.connection()) {
            List<StoredPosition> stored = new PositionStore().findByFixTime(connection, VEHICLE, null, null, 1_000);
            stored.forEach(PositionAssertions::assertValidPosition);
            assertThat(stored).extracting(StoredPosition::fix).containsExactlyElementsOf(track);
            List<StoredEvent> panics = new EventStore()
                    .find(connection, new EventQuery(null, VEHICLE, "panic", null, null, false, false, null, 10));
            assertThat(panics).hasSize(1);
            assertThat(panics.get(0).fleetId()).isEqualTo(TestUsers.FLEET);
            assertThat(rejectHead(connection)).isEqualTo(badPayload);
        }
    }

    private static Telemetry panic(Telemetry fix) {
        return new Telemetry(
                fix.vehicleId(),
                fix.seq(),
                fix.fixTime(),
                fix.latitudeDeg(),
                fix.longitudeDeg(),
                fix.speedKmh(),
                fix.headingDeg(),
                fix.altitudeM(),
                fix.accuracyM(),
                fix.odometerM(),
                fix.ignition(),
                fix.batteryPct(),
                true);
    }

    private static long rejectCount(TestDatabase db) throws Exception {
        try (Connection connection = db.connect();
                PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM rejects");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static byte[] rejectHead(Connection connection) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("SELECT payload_head FROM rejects");
                ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).isTrue();
            return rows.getBytes(1);
        }
    }
}
