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

/** Runs delivery vehicles against an embedded broker and checks what the broker receives. */
@Timeout(90)
class DeliveryIT {

    private static final int VEHICLES = 10;
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration DURATION = Duration.ofSeconds(3);
    private static final double RADIUS_KM = 1.5;
    private static final double GPS_NOISE_M = 6;

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
    void delivery_fixes_arrive_with_noise_accuracy() throws Exception {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(broker.serverUri())
                .vehicleCount(VEHICLES)
                .radiusKm(RADIUS_KM)
                .interval(INTERVAL)
                .stoppedInterval(Duration.ofSeconds(1))
                .motion(Motion.DELIVERY)
                .gpsNoiseM(GPS_NOISE_M)
                .duration(DURATION)
                .seed(2026)
                .build();
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", Topics.ALL_TELEMETRY);
                Simulator simulator = Simulator.start(settings)) {

            assertThat(simulator.awaitCompletion(Duration.ofSeconds(30))).isTrue();
            long acknowledged = simulator.summary().acknowledged();
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.telemetry().size() >= acknowledged);

            Map<String, List<Telemetry>> byVehicle =
                    probe.telemetry().stream().collect(Collectors.groupingBy(Telemetry::vehicleId));
            assertThat(byVehicle.keySet()).containsExactlyInAnyOrderElementsOf(simulator.vehicleIds());
            assertThat(simulator.summary().allDelivered()).isTrue();
            assertThat(probe.telemetry()).allSatisfy(fix -> {
                assertThat(fix.accuracyM()).isEqualTo(GPS_NOISE_M);
                // Noise of 6 m RMS exceeds 60 m with a probability of about e^-100, so this margin is safe.
                assertThat(Geo.distanceM(
                                settings.centerLatitudeDeg(),
                                settings.centerLongitudeDeg(),
                                fix.latitudeDeg(),
                                fix.longitudeDeg()))
                        .isLessThanOrEqualTo(RADIUS_KM * 1_000 + 60);
            });
        }
    }
}
