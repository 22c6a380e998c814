package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(90)
class ReplayIT {

    private static final String FLEET = "demo";
    private static final String VEHICLE = "replay-car";
    private static final double SPEEDUP = 10;

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
    void replay_keeps_order_and_scaled_spacing() throws Exception {
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", Topics.telemetry(FLEET, VEHICLE));
                Simulator simulator = Simulator.start(replay(SPEEDUP))) {

            assertThat(simulator.awaitCompletion(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.telemetry().size() >= 36);

            List<Telemetry> fixes = probe.telemetry();
            assertThat(fixes).hasSize(36);
            long firstSeq = fixes.get(0).seq();
            for (int i = 0; i < fixes.size(); i++) {
                assertThat(fixes.get(i).seq()).as("seq of fix %d", i).isEqualTo(firstSeq + i);
                assertThat(fixes.get(i).fixTime())
                        .as("fix time of fix %d", i)
                        .isEqualTo(fixes.get(0).fixTime().plusSeconds(i));
            }
            List<MqttProbe.Received> received = probe.on(Topics.telemetry(FLEET, VEHICLE));
            // Fixes sent before the connect completes arrive in a burst, so lateness is measured from fix 10 on,
            // relative to the least late fix. A loaded machine may delay a fix now and then, but never most of them.
            List<Double> latenessMs = new ArrayList<>();
            for (int i = 10; i < received.size(); i++) {
                double plannedMs = i * 1_000 / SPEEDUP;
                latenessMs.add(received.get(i).arrivalNanos() / 1e6 - plannedMs);
            }
            double baselineMs = Collections.min(latenessMs);
            List<Double> relativeMs =
                    latenessMs.stream().map(ms -> ms - baselineMs).toList();
            assertThat(relativeMs).allSatisfy(ms -> assertThat(ms).isLessThan(500.0));
            assertThat(relativeMs.stream().filter(ms -> ms < 60).count())
                    .as("fixes within 60 ms of their planned spacing, of %s", relativeMs)
                    .isGreaterThanOrEqualTo((long) (relativeMs.size() * 0.8));
        }
    }

    @Test
    void seq_and_last_fix_time_are_run_start() throws Exception {
        Instant before = Instant.now();
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", Topics.telemetry(FLEET, VEHICLE));
                Simulator simulator = Simulator.start(replay(SPEEDUP))) {

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !probe.telemetry().isEmpty());
            Instant firstSeen = Instant.now();

            Telemetry first = probe.telemetry().get(0);
            assertThat(first.seq()).isBetween(before.toEpochMilli(), firstSeen.toEpochMilli());
            // The fixture spans 35 s, and the last fix time is the run's start, which the first seq also is.
            assertThat(first.fixTime())
                    .isEqualTo(Instant.ofEpochMilli(first.seq()).minusSeconds(35));
            assertThat(first.fixTime()).isBefore(firstSeen);
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.telemetry().size() >= 36);
            Telemetry last = probe.telemetry().get(35);
            assertThat(last.fixTime()).isEqualTo(Instant.ofEpochMilli(first.seq()));
            assertThat(last.fixTime()).isBeforeOrEqualTo(Instant.now());
        }
    }

    @Test
    void summary_counts_every_acknowledged_fix() throws Exception {
        try (Simulator simulator = Simulator.start(replay(SPEEDUP))) {

            assertThat(simulator.awaitCompletion(Duration.ofSeconds(30))).isTrue();

            SimulatorSummary summary = simulator.summary();
            assertThat(summary.vehicles()).isEqualTo(1);
            assertThat(summary.connectedVehicles()).isEqualTo(1);
            assertThat(summary.acknowledged()).isEqualTo(36);
            assertThat(summary.published()).isEqualTo(36);
            assertThat(summary.bufferedNow()).isZero();
            assertThat(summary.droppedByOverflow()).isZero();
            assertThat(summary.rejected()).isZero();
            assertThat(summary.reconnects()).isZero();
        }
    }

    @Test
    void presence_online_then_offline_after_close() throws Exception {
        String presenceTopic = Topics.presence(FLEET, VEHICLE);
        Simulator simulator = Simulator.start(replay(1));
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> simulator.summary().acknowledged() > 0);
            try (MqttProbe running = MqttProbe.subscribe(broker.serverUri(), "probe-running", presenceTopic)) {
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> !running.on(presenceTopic).isEmpty());

                assertThat(running.on(presenceTopic).get(0).text()).isEqualTo("online");
                assertThat(running.on(presenceTopic).get(0).retained()).isTrue();
            }
        } finally {
            simulator.close();
        }

        try (MqttProbe after = MqttProbe.subscribe(broker.serverUri(), "probe-after", presenceTopic)) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !after.on(presenceTopic).isEmpty());

            assertThat(after.on(presenceTopic)).singleElement().satisfies(message -> {
                assertThat(message.text()).isEqualTo("offline");
                assertThat(message.retained()).isTrue();
            });
        }
    }

    @Test
    void will_publishes_offline_on_dropped_connection() throws Exception {
        String presenceTopic = Topics.presence(FLEET, VEHICLE);
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", presenceTopic);
                Simulator simulator = Simulator.start(replay(1))) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> texts(probe, presenceTopic).contains("online"));

            simulator.engine().links().get(0).dropConnection();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> texts(probe, presenceTopic).equals(List.of("online", "offline", "online")));
            assertThat(probe.on(presenceTopic).get(1).retained()).isTrue();
            assertThat(simulator.summary().reconnects()).isEqualTo(1);
        }
    }

    private static List<String> texts(MqttProbe probe, String topic) {
        return probe.on(topic).stream().map(MqttProbe.Received::text).toList();
    }

    private SimulatorSettings replay(double speedup) {
        return SimulatorSettings.builder()
                .brokerUrl(broker.serverUri())
                .fleetId(FLEET)
                .replayFile(fixture("drive-1.1.gpx"))
                .replayVehicleId(VEHICLE)
                .speedup(speedup)
                .build();
    }

    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(ReplayIT.class.getResource("/gpx/" + name))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
