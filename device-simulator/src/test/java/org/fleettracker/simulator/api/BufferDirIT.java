package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.protocol.api.DecodeResult;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.TopicKind;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.simulator.internal.buffer.FixJournal;
import org.fleettracker.simulator.internal.buffer.StoredFix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the simulator twice on one buffer directory: first against a closed port, so every fix stays buffered, then
 * against an embedded broker, where a real subscriber must receive each buffered fix once, before the new ones.
 */
@Timeout(120)
class BufferDirIT {

    static final String FLEET = "demo";

    @TempDir
    Path brokerDir;

    @TempDir
    Path bufferDir;

    private EmbeddedBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void fixes_of_an_offline_run_arrive_once_in_the_next_run() throws Exception {
        try (Simulator offline = Simulator.start(settings(closedPortUrl()))) {
            assertThat(offline.awaitCompletion(Duration.ofSeconds(20))).isTrue();
            SimulatorSummary summary = offline.summary();
            assertThat(summary.published()).isZero();
            assertThat(summary.bufferedNow()).isGreaterThanOrEqualTo(10);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> offline.summary().bufferedOnDisk() == summary.bufferedNow());
        }
        Map<String, List<Telemetry>> buffered = readBuffer(bufferDir);
        long bufferedCount = buffered.values().stream().mapToLong(List::size).sum();
        assertThat(buffered).containsOnlyKeys("sim-001", "sim-002");

        broker = EmbeddedBroker.builder().port(0).dataDir(brokerDir).build().start(Duration.ofSeconds(60));
        String filter = Topics.vehicleFilter(FLEET, TopicKind.TELEMETRY);
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "buffer-probe", filter);
                Simulator online = Simulator.start(settings(broker.serverUri()))) {
            assertThat(online.bufferRestore().fixes()).isEqualTo(bufferedCount);
            assertThat(online.awaitCompletion(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> probe.telemetry().size() >= online.summary().acknowledged());

            SimulatorSummary summary = online.summary();
            assertThat(summary.allDelivered()).isTrue();
            assertThat(summary.restoredFromDisk()).isEqualTo(bufferedCount);
            assertThat(summary.bufferedOnDisk()).isZero();
            Map<String, List<Telemetry>> received = probe.telemetry().stream()
                    .collect(Collectors.groupingBy(Telemetry::vehicleId, TreeMap::new, Collectors.toList()));
            buffered.forEach((vehicleId, fixes) -> assertArrivedFirstAndOnce(fixes, received.get(vehicleId)));
        }
        assertThat(readBuffer(bufferDir)).isEmpty();
    }

    @Test
    void new_seqs_continue_after_restored_seqs_from_the_future() throws Exception {
        // Seqs ahead of the run's start in epoch ms, as a run producing more than one fix per millisecond leaves them.
        long futureSeq = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
        List<Telemetry> buffered = new ArrayList<>();
        try (FixJournal journal = FixJournal.open(bufferDir, Duration.ofMillis(20))) {
            var vehicle = journal.forVehicle(FLEET, "sim-001");
            for (int i = 0; i < 3; i++) {
                Telemetry fix = fix("sim-001", futureSeq + i);
                vehicle.append(i, fix.seq(), TelemetryCodec.encode(fix));
                buffered.add(fix);
            }
        }
        broker = EmbeddedBroker.builder().port(0).dataDir(brokerDir).build().start(Duration.ofSeconds(60));
        String filter = Topics.vehicleFilter(FLEET, TopicKind.TELEMETRY);

        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "buffer-probe", filter);
                Simulator online = Simulator.start(settings(broker.serverUri()))) {
            assertThat(online.awaitCompletion(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> probe.telemetry().size() >= online.summary().acknowledged());

            List<Telemetry> received = probe.telemetry().stream()
                    .filter(fix -> fix.vehicleId().equals("sim-001"))
                    .toList();
            assertArrivedFirstAndOnce(buffered, received);
            assertThat(received.get(buffered.size()).seq()).isEqualTo(futureSeq + buffered.size());
        }
    }

    @Test
    void second_simulator_on_the_same_directory_exits_with_2() throws Exception {
        try (Simulator first = Simulator.start(settings(closedPortUrl()))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ConsoleOutput console = new ConsoleOutput(
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            int exitCode = Main.run(
                    console, "--broker-url", closedPortUrl(), "--buffer-dir", bufferDir.toString(), "--duration", "1");

            assertThat(exitCode).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("in use by another simulator")
                    .contains(bufferDir.toString());
            assertThat(first.summary().vehicles()).isEqualTo(2);
        }
    }

    /**
     * Checks that {@code received}, one vehicle's fixes in arrival order, contains each buffered fix once, with its
     * seq and fix time, before every new fix, and that the new fixes have higher seqs.
     */
    static void assertArrivedFirstAndOnce(List<Telemetry> buffered, List<Telemetry> received) {
        assertThat(received).isNotNull();
        assertThat(received.size()).isGreaterThan(buffered.size());
        assertThat(received.subList(0, buffered.size())).containsExactlyElementsOf(buffered);
        long lastBufferedSeq = buffered.get(buffered.size() - 1).seq();
        List<Telemetry> fresh = received.subList(buffered.size(), received.size());
        assertThat(fresh).allSatisfy(fix -> assertThat(fix.seq()).isGreaterThan(lastBufferedSeq));
        assertThat(received).extracting(Telemetry::seq).doesNotHaveDuplicates();
    }

    /** Returns the fixes in {@code directory} by vehicle id, decoded, in the order they were produced. */
    static Map<String, List<Telemetry>> readBuffer(Path directory) {
        return readBuffer(directory, List.of("sim-001", "sim-002"));
    }

    /** Returns the fixes of {@code vehicleIds} as above, and asserts that {@code directory} contains no others. */
    static Map<String, List<Telemetry>> readBuffer(Path directory, List<String> vehicleIds) {
        Map<String, List<Telemetry>> byVehicle = new TreeMap<>();
        try (FixJournal journal = FixJournal.open(directory, Duration.ofMillis(20))) {
            for (String vehicleId : vehicleIds) {
                List<Telemetry> fixes = new ArrayList<>();
                for (StoredFix fix : journal.forVehicle(FLEET, vehicleId).restored()) {
                    fixes.add(decode(fix, vehicleId));
                }
                if (!fixes.isEmpty()) {
                    byVehicle.put(vehicleId, fixes);
                }
            }
            assertThat(journal.unclaimedRestoredFixes()).isZero();
        }
        return byVehicle;
    }

    private static Telemetry decode(StoredFix fix, String vehicleId) {
        DecodeResult result = TelemetryCodec.decode(fix.payload(), vehicleId);
        if (result instanceof DecodeResult.Accepted accepted) {
            return accepted.telemetry();
        }
        throw new AssertionError("buffered fix " + fix.seq() + " of " + vehicleId + " does not decode: " + result);
    }

    private static Telemetry fix(String vehicleId, long seq) {
        return new Telemetry(
                vehicleId,
                seq,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                46.05,
                14.5,
                30,
                90,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private SimulatorSettings settings(String brokerUrl) {
        return SimulatorSettings.builder()
                .brokerUrl(brokerUrl)
                .fleetId(FLEET)
                .vehicleCount(2)
                .seed(7)
                .interval(Duration.ofMillis(100))
                .duration(Duration.ofSeconds(1))
                .closeTimeout(Duration.ofMillis(500))
                .reconnectDelays(Duration.ofMillis(100), Duration.ofMillis(500), 0.2)
                .commands(false)
                .buffer(new BufferSettings(bufferDir, BufferOverflow.DROP_OLDEST, Duration.ofMillis(20)))
                .build();
    }

    static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
