package org.fleettracker.tracker.api;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.PositionAssertions;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One JVM: the tracker with its embedded broker and security extension, a real vehicle and a viewer. */
@Timeout(120)
class TrackerEndToEndIT {

    private static final String VEHICLE = "e2e-v1";
    private static final int TRACK_LENGTH = 50;

    @TempDir
    Path folder;

    private Tracker tracker;
    private Path dataDir;

    @BeforeEach
    void startTracker() throws Exception {
        TrackerSettings settings = TrackerHarness.settings(folder).build();
        dataDir = settings.dataDir();
        tracker = Tracker.start(settings);
    }

    @AfterEach
    void stopTracker() {
        tracker.close();
    }

    @Test
    void track_stored_once_in_order_with_last_state() throws Exception {
        List<Telemetry> track = Fixes.track(VEHICLE, 1_772_352_000_000L, TRACK_LENGTH);
        Telemetry last = track.get(TRACK_LENGTH - 1);
        Telemetry late = track.get(TRACK_LENGTH - 2);
        try (MqttTestClient viewer = MqttTestClient.connect(tracker.mqttServerUri(), "e2e-viewer", TestUsers.VIEWER);
                MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), VEHICLE)) {
            viewer.subscribe(Topics.fleetState(TestUsers.FLEET));

            publishWithDuplicateAndLateFix(vehicle, track);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            TrackerHarness.metric(tracker, "tracker_positions_duplicates_total{kind=\"seq\"}"))
                    .isEqualTo(1.0));
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            !viewer.received().isEmpty() && lastState(viewer).seq() == last.seq());
        }

        List<StoredPosition> stored = readStored();
        stored.forEach(PositionAssertions::assertAcceptedPosition);
        assertThat(stored).extracting(StoredPosition::fix).containsExactlyElementsOf(track);
        assertThat(stored).extracting(StoredPosition::fleetId).containsOnly(TestUsers.FLEET);
        assertThat(late.fixTime()).isBefore(last.fixTime());
        assertThat(TrackerHarness.metric(tracker, "tracker_positions_stored_total"))
                .isEqualTo(TRACK_LENGTH);
        assertRetainedStateEquals(last);
    }

    @Test
    void presence_updates_online_in_the_retained_state() throws Exception {
        String vehicleId = "e2e-v2";
        Telemetry fix = Fixes.track(vehicleId, 1, 1).get(0);
        try (MqttTestClient viewer = MqttTestClient.connect(tracker.mqttServerUri(), "e2e-viewer-2", TestUsers.VIEWER);
                MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), vehicleId)) {
            viewer.subscribe(Topics.state(TestUsers.FLEET, vehicleId));

            vehicle.publishPresence(TestUsers.FLEET, vehicleId, Presence.ONLINE);
            vehicle.publishFix(TestUsers.FLEET, fix);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !viewer.received().isEmpty()
                            && Boolean.TRUE.equals(lastState(viewer).online()));
            vehicle.publishPresence(TestUsers.FLEET, vehicleId, Presence.OFFLINE);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Boolean.FALSE.equals(lastState(viewer).online()));
            assertThat(lastState(viewer).seq()).isEqualTo(fix.seq());
        }
    }

    @Test
    void client_without_credentials_is_rejected() {
        assertThatThrownBy(() -> MqttTestClient.connect(tracker.mqttServerUri(), "anonymous-client", null)
                        .close())
                .isInstanceOf(MqttException.class);
    }

    @Test
    void vehicle_with_wrong_password_is_rejected() {
        assertThatThrownBy(() -> MqttTestClient.connect(tracker.mqttServerUri(), VEHICLE, "no-such-user")
                        .close())
                .isInstanceOf(MqttException.class);
    }

    /** Publishes fixes 0..47 in order, repeats fix 10, then sends 49 before the late 48. */
    private static void publishWithDuplicateAndLateFix(MqttTestClient vehicle, List<Telemetry> track)
            throws MqttException {
        for (int i = 0; i < TRACK_LENGTH - 2; i++) {
            vehicle.publishFix(TestUsers.FLEET, track.get(i));
        }
        vehicle.publishFix(TestUsers.FLEET, track.get(10));
        vehicle.publishFix(TestUsers.FLEET, track.get(TRACK_LENGTH - 1));
        vehicle.publishFix(TestUsers.FLEET, track.get(TRACK_LENGTH - 2));
    }

    private static VehicleState lastState(MqttTestClient viewer) {
        List<MqttTestClient.Received> received = viewer.received();
        return Json.decode(received.get(received.size() - 1).payload(), VehicleState.class);
    }

    private void assertRetainedStateEquals(Telemetry last) throws MqttException {
        try (MqttTestClient lateViewer =
                MqttTestClient.connect(tracker.mqttServerUri(), "e2e-late-viewer", TestUsers.VIEWER)) {
            lateViewer.subscribe(Topics.state(TestUsers.FLEET, VEHICLE));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !lateViewer.received().isEmpty());

            MqttTestClient.Received retained = lateViewer.received().get(0);
            VehicleState state = Json.decode(retained.payload(), VehicleState.class);
            assertThat(retained.retained()).isTrue();
            assertThat(state.fleetId()).isEqualTo(TestUsers.FLEET);
            assertThat(state.vehicleId()).isEqualTo(VEHICLE);
            assertThat(state.seq()).isEqualTo(last.seq());
            assertThat(state.fixTime()).isEqualTo(last.fixTime());
            assertThat(state.latitudeDeg()).isEqualTo(last.latitudeDeg());
            assertThat(state.longitudeDeg()).isEqualTo(last.longitudeDeg());
            assertThat(state.speedKmh()).isEqualTo(last.speedKmh());
            assertThat(state.headingDeg()).isEqualTo(last.headingDeg());
            assertThat(state.odometerM()).isEqualTo(last.odometerM());
        }
    }

    private List<StoredPosition> readStored() throws Exception {
        try (Connection connection = DriverManager.getConnection(Database.jdbcUrl(dataDir), "sa", "")) {
            return new PositionStore().findByFixTime(connection, VEHICLE, null, null, 10_000);
        }
    }
}
