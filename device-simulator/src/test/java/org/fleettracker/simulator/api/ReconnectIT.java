package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class ReconnectIT {

    private static final String FLEET = "demo";
    private static final String VEHICLE = "reconnect-car";
    private static final int FIXES = 36;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void broker_restart_loses_no_seq() throws Exception {
        broker = startBroker(0);
        int port = broker.port();
        String topic = Topics.telemetry(FLEET, VEHICLE);
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe-persistent", topic, true);
                Simulator simulator = Simulator.start(replay(broker.serverUri(), 4, 10_000))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.telemetry().size() >= 5);
            long firstSeq = probe.telemetry().get(0).seq();

            broker.close();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> simulator.summary().connectedVehicles() == 0
                            && simulator.summary().bufferedNow() >= 3);
            broker = startBroker(port);

            assertThat(simulator.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            Set<Long> expected =
                    LongStream.range(firstSeq, firstSeq + FIXES).boxed().collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(30)).until(() -> seqs(probe).containsAll(expected));
            assertThat(seqs(probe)).isEqualTo(expected);
            assertThat(simulator.summary().reconnects()).isGreaterThanOrEqualTo(1);
            assertThat(simulator.summary().droppedByOverflow()).isZero();
        }
    }

    @Test
    void full_outbox_drops_the_oldest_fixes() throws Exception {
        broker = startBroker(0);
        int port = broker.port();
        String topic = Topics.telemetry(FLEET, VEHICLE);
        // The persistent session makes the broker queue the fixes for the probe whichever reconnects first.
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe-persistent", topic, true)) {
            broker.close();
            try (Simulator simulator = Simulator.start(replay(broker.serverUri(), 1_000, 10))) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> simulator.summary().droppedByOverflow() == FIXES - 10);
                assertThat(simulator.summary().bufferedNow()).isEqualTo(10);

                broker = startBroker(port);

                assertThat(simulator.awaitCompletion(Duration.ofSeconds(30))).isTrue();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> probe.telemetry().size() >= 10);
                List<Telemetry> fixes = probe.telemetry();
                assertThat(fixes).hasSize(10);
                long lastSeq = fixes.get(9).seq();
                assertThat(fixes)
                        .extracting(Telemetry::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(lastSeq - 9, lastSeq)
                                .boxed()
                                .toList());
                assertThat(simulator.summary().published()).isEqualTo(10);
            }
        }
    }

    private EmbeddedBroker startBroker(int port) {
        return EmbeddedBroker.builder().port(port).dataDir(dataDir).build().start(Duration.ofSeconds(60));
    }

    private static SimulatorSettings replay(String brokerUrl, double speedup, int bufferSize) {
        return SimulatorSettings.builder()
                .brokerUrl(brokerUrl)
                .fleetId(FLEET)
                .replayFile(ReplayIT.fixture("drive-1.1.gpx"))
                .replayVehicleId(VEHICLE)
                .speedup(speedup)
                .bufferSize(bufferSize)
                .reconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1), 0.2)
                .build();
    }

    private static Set<Long> seqs(MqttProbe probe) {
        return probe.telemetry().stream().map(Telemetry::seq).collect(Collectors.toCollection(TreeSet::new));
    }
}
