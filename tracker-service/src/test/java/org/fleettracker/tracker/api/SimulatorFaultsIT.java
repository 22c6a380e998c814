package org.fleettracker.tracker.api;

import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Reject;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.simulator.api.FaultSettings;
import org.fleettracker.simulator.api.Simulator;
import org.fleettracker.simulator.api.SimulatorSettings;
import org.fleettracker.simulator.api.SimulatorSummary;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Faults that the simulator injects, as the tracker sees them: each malformed fix becomes a reject with a reason. */
@Timeout(180)
class SimulatorFaultsIT {

    private static final String VEHICLE_PREFIX = "faulty-";

    @TempDir
    Path folder;

    @Test
    void malformed_fixes_become_rejects_with_a_reason() throws Exception {
        try (Tracker tracker = Tracker.start(TrackerHarness.settings(folder).build());
                MqttTestClient dispatcher =
                        MqttTestClient.connect(tracker.mqttServerUri(), "faults-dispatcher", TestUsers.DISPATCHER)) {
            dispatcher.subscribe(Topics.rejects(TestUsers.FLEET));

            SimulatorSummary summary = runWithMalformedFixes(tracker);

            long malformed = summary.faults().malformed();
            assertThat(malformed).isPositive();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dispatcher.received().size() >= malformed);
            List<Reject> rejects = dispatcher.received().stream()
                    .map(message -> Json.decode(message.payload(), Reject.class))
                    .toList();
            assertThat(rejects).hasSize((int) malformed);
            assertThat(rejects)
                    .extracting(reject -> reject.reason().code())
                    .containsOnly("malformed_json", "out_of_range", "invalid_field", "missing_field");
            assertThat(rejects).allSatisfy(reject -> {
                assertThat(reject.vehicleId()).startsWith(VEHICLE_PREFIX);
                assertThat(reject.detail()).isNotBlank();
            });
        }
    }

    private static SimulatorSummary runWithMalformedFixes(Tracker tracker) {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(tracker.mqttServerUri())
                .username(TestUsers.DEMO_VEHICLES)
                .password(TestUsers.VEHICLE_PASSWORD)
                .fleetId(TestUsers.FLEET)
                .vehicleCount(3)
                .vehicleIdPrefix(VEHICLE_PREFIX)
                .interval(Duration.ofMillis(200))
                .duration(Duration.ofSeconds(4))
                .seed(11)
                .commands(false)
                .faults(new FaultSettings(null, 0, 0, 0.3, null, 1, Set.of()))
                .build();
        try (Simulator simulator = Simulator.start(settings)) {
            assertThat(simulator.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            return simulator.summary();
        }
    }
}
