package org.fleettracker.tracker.api;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Fleet events on MQTT and the vehicle settings endpoint, on a running tracker with its embedded broker. */
@Timeout(120)
class FleetEventsIT {

    private static final String SETTINGS = "/api/v1/vehicles/v1/settings";

    @TempDir
    static Path folder;

    private static Tracker tracker;

    @BeforeAll
    static void startTracker() throws Exception {
        tracker = Tracker.start(TrackerHarness.settings(folder).build());
        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), "v1")) {
            vehicle.publishFix(TestUsers.FLEET, Fixes.track("v1", 1, 1).get(0));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> TrackerHarness.get(tracker, "/api/v1/vehicles/v1").statusCode() == 200);
    }

    @AfterAll
    static void stopTracker() {
        tracker.close();
    }

    @Test
    void panic_fix_publishes_critical_alert() throws Exception {
        try (MqttTestClient dispatcher =
                        MqttTestClient.connect(tracker.mqttServerUri(), "console-events", TestUsers.DISPATCHER);
                MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), "v2")) {
            dispatcher.subscribe(Topics.events(TestUsers.FLEET));

            vehicle.publishFix(TestUsers.FLEET, panicFix("v2", Instant.now().minusSeconds(1)));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !events(dispatcher, "panic").isEmpty());
            FleetEvent panic = events(dispatcher, "panic").get(0);
            assertThat(panic.vehicleId()).isEqualTo("v2");
            assertThat(panic.severity()).isEqualTo(EventSeverity.CRITICAL);
            assertThat(panic.alert()).isTrue();
        }
        assertThat(TrackerHarness.count(folder.resolve("data"), "SELECT COUNT(*) FROM events WHERE type = 'panic'"))
                .isEqualTo(1);
    }

    @Test
    void dispatcher_sets_vehicle_speed_limit() throws Exception {
        HttpResponse<String> response = TrackerHarness.sendJson(
                tracker, "PUT", SETTINGS, TrackerHarness.basic(TestUsers.DISPATCHER), "{\"overspeedLimitKmh\": 80}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.body()).get("updatedBy").asText())
                .isEqualTo(TestUsers.DISPATCHER);
        assertThat(Json.mapper()
                        .readTree(TrackerHarness.get(tracker, SETTINGS).body())
                        .get("overspeedLimitKmh")
                        .asDouble())
                .isEqualTo(80.0);
    }

    @Test
    void viewer_may_not_set_speed_limit() throws Exception {
        HttpResponse<String> response = TrackerHarness.sendJson(
                tracker, "PUT", SETTINGS, TrackerHarness.basic(TestUsers.VIEWER), "{\"overspeedLimitKmh\": 80}");

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void speed_limit_without_credentials_is_unauthorized() throws Exception {
        HttpResponse<String> response =
                TrackerHarness.sendJson(tracker, "PUT", SETTINGS, null, "{\"overspeedLimitKmh\": 80}");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void negative_speed_limit_is_bad_request() throws Exception {
        HttpResponse<String> response = TrackerHarness.sendJson(
                tracker, "PUT", SETTINGS, TrackerHarness.basic(TestUsers.DISPATCHER), "{\"overspeedLimitKmh\": -5}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("overspeedLimitKmh");
    }

    @Test
    void malformed_settings_body_is_bad_request() throws Exception {
        HttpResponse<String> response = TrackerHarness.sendJson(
                tracker, "PUT", SETTINGS, TrackerHarness.basic(TestUsers.DISPATCHER), "{\"overspeedLimitKmh\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not valid JSON");
    }

    private static List<FleetEvent> events(MqttTestClient client, String type) {
        return client.received().stream()
                .map(message -> Json.decode(message.payload(), FleetEvent.class))
                .filter(event -> event.type().equals(type))
                .toList();
    }

    private static Telemetry panicFix(String vehicleId, Instant time) {
        return new Telemetry(vehicleId, 1, time, 52.5, 13.4, 0, 0, null, 5.0, null, true, null, true);
    }
}
