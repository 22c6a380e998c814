package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Replays the 20-fix fixture of each non-GPX format through an embedded broker. */
@Timeout(120)
class ReplayFormatsIT {

    private static final String FLEET = "demo";
    private static final int FIXES = 20;

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

    @ParameterizedTest
    @CsvSource({"drive.nmea, 4, 4.5", "drive.rec, 2, 8.0", "drive.csv, 3, 6.5"})
    void replay_delivers_every_fix_in_order(String fixture, long skipped, double accuracyM) throws Exception {
        String vehicle = "replay-" + fixture.replace('.', '-');
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(broker.serverUri())
                .fleetId(FLEET)
                .replayFile(fixture(fixture))
                .replayVehicleId(vehicle)
                .speedup(20)
                .build();
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", Topics.telemetry(FLEET, vehicle));
                Simulator simulator = Simulator.start(settings)) {

            assertThat(simulator.awaitCompletion(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.telemetry().size() >= FIXES);

            List<Telemetry> fixes = probe.telemetry();
            assertThat(fixes).hasSize(FIXES);
            assertThat(simulator.summary().acknowledged()).isEqualTo(FIXES);
            Map<String, Long> skippedByReason = simulator.skippedLinesByReason();
            assertThat(skippedByReason.values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .as("skipped lines of %s: %s", fixture, skippedByReason)
                    .isEqualTo(skipped);
            for (int i = 0; i < fixes.size(); i++) {
                Telemetry fix = fixes.get(i);
                assertThat(fix.fixTime())
                        .as("fix time %d", i)
                        .isEqualTo(fixes.get(0).fixTime().plusSeconds(i));
                assertThat(fix.latitudeDeg()).as("latitude %d", i).isCloseTo(46.05 + i * 0.0001, within(1e-6));
                assertThat(fix.accuracyM()).as("accuracy %d", i).isCloseTo(accuracyM, within(1e-9));
                assertThat(fix.speedKmh()).as("speed %d", i).isBetween(40.0, 45.0);
            }
        }
    }

    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(ReplayFormatsIT.class.getResource("/replay/" + name))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
