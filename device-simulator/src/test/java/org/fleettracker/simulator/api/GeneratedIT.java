package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.simulator.internal.motion.Geo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(90)
class GeneratedIT {

    private static final int VEHICLES = 20;
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration DURATION = Duration.ofSeconds(3);
    private static final double RADIUS_KM = 1.5;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.builder().port(0).dataDir(dataDir).build().start(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void every_vehicle_publishes_contiguous_seqs() throws Exception {
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", Topics.ALL_TELEMETRY);
                Simulator simulator = Simulator.start(settings())) {

            assertThat(simulator.awaitCompletion(Duration.ofSeconds(30))).isTrue();
            long acknowledged = simulator.summary().acknowledged();
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.telemetry().size() >= acknowledged);

            Map<String, List<Telemetry>> byVehicle =
                    probe.telemetry().stream().collect(Collectors.groupingBy(Telemetry::vehicleId));
            assertThat(byVehicle.keySet()).containsExactlyInAnyOrderElementsOf(simulator.vehicleIds());
            long expectedFixes = DURATION.toMillis() / INTERVAL.toMillis();
            byVehicle.forEach((vehicleId, fixes) -> {
                assertThat(fixes)
                        .as("fixes of %s", vehicleId)
                        .hasSizeBetween((int) expectedFixes - 1, (int) expectedFixes + 1);
                for (int i = 1; i < fixes.size(); i++) {
                    assertThat(fixes.get(i).seq())
                            .as("seq %d of %s", i, vehicleId)
                            .isEqualTo(fixes.get(i - 1).seq() + 1);
                }
            });
            assertThat(simulator.summary().connectedVehicles()).isEqualTo(VEHICLES);
            assertThat(simulator.summary().published()).isEqualTo(acknowledged);
        }
    }

    @Test
    void fixes_stay_within_the_radius_of_the_centre() throws Exception {
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", Topics.ALL_TELEMETRY);
                Simulator simulator = Simulator.start(settings())) {

            assertThat(simulator.awaitCompletion(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> probe.telemetry().size() >= simulator.summary().acknowledged());

            SimulatorSettings settings = simulator.settings();
            assertThat(probe.telemetry()).isNotEmpty().allSatisfy(fix -> {
                assertThat(Geo.distanceM(
                                settings.centerLatitudeDeg(),
                                settings.centerLongitudeDeg(),
                                fix.latitudeDeg(),
                                fix.longitudeDeg()))
                        .isLessThanOrEqualTo(RADIUS_KM * 1_000 * 1.001);
                assertThat(fix.ignition()).isTrue();
            });
        }
    }

    @Test
    void every_vehicle_has_retained_online_presence() throws Exception {
        try (Simulator simulator = Simulator.start(settings())) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> simulator.summary().connectedVehicles() == VEHICLES);

            try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", Topics.ALL_PRESENCE)) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> probe.messages().size() >= VEHICLES);

                assertThat(probe.messages()).hasSize(VEHICLES).allSatisfy(message -> {
                    assertThat(message.text()).isEqualTo("online");
                    assertThat(message.retained()).isTrue();
                });
            }
        }
    }

    private SimulatorSettings settings() {
        return SimulatorSettings.builder()
                .brokerUrl(broker.serverUri())
                .vehicleCount(VEHICLES)
                .radiusKm(RADIUS_KM)
                .interval(INTERVAL)
                .duration(DURATION)
                .seed(2026)
                // Exact positions, so that every fix lies within the radius.
                .gpsNoiseM(0)
                .build();
    }
}
