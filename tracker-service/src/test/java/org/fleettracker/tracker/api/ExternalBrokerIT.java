package org.fleettracker.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.simulator.api.Simulator;
import org.fleettracker.simulator.api.SimulatorSettings;
import org.fleettracker.simulator.api.SimulatorSummary;
import org.fleettracker.tracker.testing.ExternalBroker;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One tracker and the device simulator against an external broker: standalone HiveMQ CE with the security extension,
 * and Mosquitto with the shipped ACL. Every fix the broker acknowledged to a vehicle is stored once, and the tracker's
 * retained state reaches a dispatcher.
 */
@Timeout(180)
class ExternalBrokerIT {

    private static final int VEHICLES = 5;
    private static final String PREFIX = "ext-";
    private static final Duration RUN = Duration.ofSeconds(6);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(ExternalBroker.Kind.class)
    void tracker_stores_each_acknowledged_fix_once(ExternalBroker.Kind kind) throws Exception {
        List<String> vehicleIds = IntStream.rangeClosed(1, VEHICLES)
                .mapToObj(n -> String.format(Locale.ROOT, "%s%03d", PREFIX, n))
                .toList();
        try (ExternalBroker broker = kind.start(folder, vehicleIds);
                Tracker tracker = Tracker.start(TrackerHarness.settings(folder)
                        .brokerUrl(broker.serverUri())
                        .mqttClientId("tracker-external")
                        .build())) {
            SimulatorSummary summary = simulate(broker);

            assertThat(summary.failedVehicles())
                    .as("vehicles the broker refused")
                    .isZero();
            assertThat(summary.allDelivered()).as("every fix acknowledged").isTrue();
            long acknowledged = summary.acknowledged();
            assertThat(acknowledged).isGreaterThanOrEqualTo(VEHICLES * 10L);
            await().atMost(Duration.ofSeconds(30)).until(() -> storedThroughApi(tracker, vehicleIds) >= acknowledged);
            assertThat(storedThroughApi(tracker, vehicleIds)).isEqualTo(acknowledged);
            Path dataDir = folder.resolve("data");
            assertThat(TrackerHarness.count(dataDir, "SELECT COUNT(*) FROM positions"))
                    .isEqualTo(acknowledged);
            assertThat(TrackerHarness.count(
                            dataDir, "SELECT COUNT(*) FROM (SELECT DISTINCT vehicle_id, seq FROM positions)"))
                    .isEqualTo(acknowledged);
            assertThat(retainedStates(broker)).containsExactlyInAnyOrderElementsOf(vehicleIds);
        }
    }

    private static SimulatorSummary simulate(ExternalBroker broker) {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(broker.serverUri())
                .username(broker.simulatorUsername())
                .password(TestUsers.VEHICLE_PASSWORD)
                .fleetId(TestUsers.FLEET)
                .vehicleIdPrefix(PREFIX)
                .vehicleCount(VEHICLES)
                .interval(Duration.ofMillis(200))
                .duration(RUN)
                .seed(7)
                .build();
        try (Simulator simulator = Simulator.start(settings)) {
            assertThat(simulator.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            return simulator.summary();
        }
    }

    /** Counts the stored positions of the vehicles through {@code GET /api/v1/vehicles/{id}/positions}. */
    private static long storedThroughApi(Tracker tracker, List<String> vehicleIds) throws Exception {
        long count = 0;
        for (String vehicleId : vehicleIds) {
            HttpResponse<String> response =
                    TrackerHarness.get(tracker, "/api/v1/vehicles/" + vehicleId + "/positions?limit=10000");
            if (response.statusCode() == 200) {
                JsonNode body = Json.mapper().readTree(response.body());
                count += body.get("positions").size();
            }
        }
        return count;
    }

    /** Returns the vehicles whose retained state a dispatcher receives from the broker. */
    private static Set<String> retainedStates(ExternalBroker broker) throws Exception {
        try (MqttTestClient dispatcher =
                MqttTestClient.connect(broker.serverUri(), "dispatcher-external", TestUsers.DISPATCHER)) {
            dispatcher.subscribe(Topics.fleetState(TestUsers.FLEET));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> dispatcher.received().size() >= VEHICLES);
            Set<String> vehicles = new HashSet<>();
            dispatcher.received().forEach(message -> Topics.parse(message.topic())
                    .ifPresent(address -> vehicles.add(address.vehicleId())));
            return vehicles;
        }
    }
}
