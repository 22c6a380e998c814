package org.fleettracker.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.TopicKind;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.simulator.api.Simulator;
import org.fleettracker.simulator.api.SimulatorSettings;
import org.fleettracker.simulator.api.SimulatorSummary;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Simulated vehicles that share one gateway connection, against the real tracker and its broker. */
@Timeout(180)
class GatewayIT {

    private static final int VEHICLES = 50;
    private static final String PREFIX = "gwv-";

    @TempDir
    Path folder;

    @Test
    void gateway_vehicles_are_stored_and_acked() throws Exception {
        try (Tracker tracker = Tracker.start(TrackerHarness.settings(folder).build());
                MqttTestClient dispatcher =
                        MqttTestClient.connect(tracker.mqttServerUri(), "gateway-dispatcher", TestUsers.DISPATCHER)) {
            dispatcher.subscribe(Topics.vehicleFilter(TestUsers.FLEET, TopicKind.STATE));
            SimulatorSummary summary;
            try (Simulator simulator = Simulator.start(gatewaySettings(tracker, TestUsers.FLEET, VEHICLES, 8))) {
                String target = simulator.vehicleIds().get(6);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> TrackerHarness.get(tracker, "/api/v1/vehicles/" + target)
                                        .statusCode()
                                == 200);

                HttpResponse<String> created = postCommand(tracker, target, "c-gateway");

                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> status(tracker, "c-gateway").equals("acknowledged"));
                assertThat(simulator.awaitCompletion(Duration.ofSeconds(60))).isTrue();
                summary = simulator.summary();
            }

            assertThat(summary.vehicles()).isEqualTo(VEHICLES);
            assertThat(summary.rejected()).isZero();
            assertThat(summary.acknowledged()).isEqualTo(summary.published());
            Path data = folder.resolve("data");
            await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> TrackerHarness.count(data, "SELECT COUNT(*) FROM positions"),
                            stored -> stored == summary.acknowledged());
            assertThat(TrackerHarness.count(data, "SELECT COUNT(DISTINCT vehicle_id) FROM positions"))
                    .isEqualTo(VEHICLES);
            assertThat(TrackerHarness.count(
                            data,
                            "SELECT COUNT(*) FROM (SELECT vehicle_id, seq FROM positions"
                                    + " GROUP BY vehicle_id, seq HAVING COUNT(*) > 1)"))
                    .as("fixes stored twice")
                    .isZero();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stateVehicles(dispatcher))
                    .hasSize(VEHICLES)
                    .allSatisfy(vehicleId -> assertThat(vehicleId).startsWith(PREFIX)));
        }
    }

    @Test
    void gateway_of_other_fleet_is_rejected() throws Exception {
        try (Tracker tracker = Tracker.start(TrackerHarness.settings(folder).build())) {
            SimulatorSummary summary;
            try (Simulator simulator = Simulator.start(gatewaySettings(tracker, TestUsers.OTHER_FLEET, 2, 3))) {
                assertThat(simulator.awaitCompletion(Duration.ofSeconds(60))).isTrue();
                summary = simulator.summary();
            }

            assertThat(summary.rejected()).isPositive();
            assertThat(summary.acknowledged()).isZero();
            assertThat(summary.bufferedNow()).isZero();
            assertThat(TrackerHarness.count(folder.resolve("data"), "SELECT COUNT(*) FROM positions"))
                    .isZero();
        }
    }

    private static SimulatorSettings gatewaySettings(Tracker tracker, String fleetId, int vehicles, int seconds) {
        return SimulatorSettings.builder()
                .brokerUrl(tracker.mqttServerUri())
                .username(TestUsers.GATEWAY)
                .password(TestUsers.passwordOf(TestUsers.GATEWAY))
                .fleetId(fleetId)
                .vehicleCount(vehicles)
                .vehicleIdPrefix(PREFIX)
                .gatewayVehicles(vehicles)
                .interval(Duration.ofMillis(500))
                .duration(Duration.ofSeconds(seconds))
                .seed(7)
                .build();
    }

    private static Set<String> stateVehicles(MqttTestClient dispatcher) {
        return dispatcher.received().stream()
                .map(message -> Topics.parse(message.topic()).orElseThrow().vehicleId())
                .collect(Collectors.toSet());
    }

    private static HttpResponse<String> postCommand(Tracker tracker, String vehicleId, String commandId)
            throws IOException, InterruptedException {
        return TrackerHarness.sendJson(
                tracker,
                "POST",
                "/api/v1/vehicles/" + vehicleId + "/commands",
                TrackerHarness.basic(TestUsers.DISPATCHER),
                "{\"commandId\":\"" + commandId + "\",\"type\":\"request-position\"}");
    }

    private static String status(Tracker tracker, String commandId) throws IOException, InterruptedException {
        JsonNode command = Json.mapper()
                .readTree(TrackerHarness.get(tracker, "/api/v1/commands/" + commandId)
                        .body());
        return command.path("status").asText();
    }
}
