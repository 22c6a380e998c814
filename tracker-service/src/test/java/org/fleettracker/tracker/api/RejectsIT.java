package org.fleettracker.tracker.api;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Reject;
import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bad inputs are rejected with a reason, published, stored, counted and acknowledged; the consumer goes on. */
@Timeout(120)
class RejectsIT {

    @TempDir
    static Path folder;

    private static Tracker tracker;
    private static Path dataDir;

    @BeforeAll
    static void startTracker() throws Exception {
        TrackerSettings settings = TrackerHarness.settings(folder).build();
        dataDir = settings.dataDir();
        tracker = Tracker.start(settings);
    }

    @AfterAll
    static void stopTracker() {
        tracker.close();
    }

    @Test
    void malformed_payload_rejected_and_consumer_continues() throws Exception {
        String vehicleId = "reject-v1";
        String garbage = "{not json at all" + "x".repeat(400);
        Telemetry valid = Fixes.track(vehicleId, 10, 1).get(0);
        try (MqttTestClient dispatcher = dispatcher("reject-dispatcher-1");
                MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), vehicleId)) {
            dispatcher.subscribe(Topics.rejects(TestUsers.FLEET));

            vehicle.publish(
                    Topics.telemetry(TestUsers.FLEET, vehicleId), garbage.getBytes(StandardCharsets.UTF_8), false);
            vehicle.publishFix(TestUsers.FLEET, valid);

            Reject reject = awaitReject(dispatcher);
            assertThat(reject.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
            assertThat(reject.fleetId()).isEqualTo(TestUsers.FLEET);
            assertThat(reject.vehicleId()).isEqualTo(vehicleId);
            assertThat(reject.topic()).isEqualTo(Topics.telemetry(TestUsers.FLEET, vehicleId));
            assertThat(reject.payloadExcerpt())
                    .hasSize(Reject.MAX_EXCERPT_CHARS)
                    .isEqualTo(garbage.substring(0, 256));
            assertThat(reject.detail()).isNotBlank();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> countPositions(vehicleId) == 1);
        assertThat(countRejects(vehicleId, "malformed_json")).isEqualTo(1);
        assertThat(TrackerHarness.metric(tracker, "tracker_messages_rejected_total{reason=\"malformed_json\"}"))
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void out_of_range_fix_rejected_with_reason() throws Exception {
        String vehicleId = "reject-v2";
        String payload = new String(
                        org.fleettracker.protocol.api.TelemetryCodec.encode(
                                Fixes.track(vehicleId, 1, 1).get(0)),
                        StandardCharsets.UTF_8)
                .replace("\"latitudeDeg\":52.5", "\"latitudeDeg\":95.0");
        try (MqttTestClient dispatcher = dispatcher("reject-dispatcher-2");
                MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), vehicleId)) {
            dispatcher.subscribe(Topics.rejects(TestUsers.FLEET));

            vehicle.publish(
                    Topics.telemetry(TestUsers.FLEET, vehicleId), payload.getBytes(StandardCharsets.UTF_8), false);

            Reject reject = awaitReject(dispatcher);
            assertThat(reject.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
            assertThat(reject.detail()).contains("latitudeDeg");
        }
        assertThat(countRejects(vehicleId, "out_of_range")).isEqualTo(1);
        assertThat(countPositions(vehicleId)).isZero();
    }

    @Test
    void vehicle_id_of_other_fleet_rejected() throws Exception {
        String vehicleId = "reject-v3";
        List<Telemetry> fixes = Fixes.track(vehicleId, 1, 2);
        try (MqttTestClient demoVehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), vehicleId)) {
            demoVehicle.publishFix(TestUsers.FLEET, fixes.get(0));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> countPositions(vehicleId) == 1);

        try (MqttTestClient northVehicle =
                MqttTestClient.connect(tracker.mqttServerUri(), vehicleId, TestUsers.NORTH_VEHICLES)) {
            northVehicle.publishFix(TestUsers.OTHER_FLEET, fixes.get(1));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> countRejects(vehicleId, "fleet_mismatch") == 1);
        assertThat(countPositions(vehicleId)).isEqualTo(1);
    }

    @Test
    void rejected_payload_keeps_raw_bytes() throws Exception {
        String vehicleId = "reject-v4";
        byte[] notUtf8 = new byte[5_000];
        for (int i = 0; i < notUtf8.length; i++) {
            notUtf8[i] = (byte) (0x80 + i % 64);
        }
        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), vehicleId)) {
            vehicle.publish(Topics.telemetry(TestUsers.FLEET, vehicleId), notUtf8, false);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> countRejects(vehicleId, "malformed_json") == 1);
        try (Connection connection = DriverManager.getConnection(Database.jdbcUrl(dataDir), "sa", "");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT payload_size, payload_head FROM rejects" + " WHERE vehicle_id = '" + vehicleId + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isEqualTo(5_000);
            assertThat(row.getBytes(2)).isEqualTo(Arrays.copyOf(notUtf8, 4_096));
        }
    }

    private static MqttTestClient dispatcher(String clientId) throws MqttException {
        return MqttTestClient.connect(tracker.mqttServerUri(), clientId, TestUsers.DISPATCHER);
    }

    private static Reject awaitReject(MqttTestClient dispatcher) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !dispatcher.received().isEmpty());
        return Json.decode(dispatcher.received().get(0).payload(), Reject.class);
    }

    private static long countPositions(String vehicleId) throws Exception {
        return TrackerHarness.count(dataDir, "SELECT COUNT(*) FROM positions WHERE vehicle_id = '" + vehicleId + "'");
    }

    private static long countRejects(String vehicleId, String reason) throws Exception {
        return TrackerHarness.count(
                dataDir,
                "SELECT COUNT(*) FROM rejects WHERE vehicle_id = '" + vehicleId + "' AND reason = '" + reason + "'");
    }
}
