package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TopicKind;
import org.fleettracker.protocol.api.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills a simulator child process with SIGKILL while its vehicles buffer fixes for an unreachable broker, then checks
 * that the next run restores and delivers every fix that had reached the disk before the kill.
 */
@Timeout(180)
class BufferKillIT {

    /** Bytes of segment files to wait for before the snapshot; one fix record takes about 300 bytes (an estimate). */
    private static final long SNAPSHOT_BYTES = 6_000;

    @TempDir
    Path bufferDir;

    @TempDir
    Path snapshotDir;

    @TempDir
    Path brokerDir;

    @TempDir
    Path workDir;

    private Process child;
    private EmbeddedBroker broker;

    @AfterEach
    void stop() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void fixes_on_disk_before_sigkill_arrive_after_restart() throws Exception {
        child = startSimulator(BufferDirIT.closedPortUrl());
        await().atMost(Duration.ofSeconds(60)).until(() -> segmentBytes(bufferDir) >= SNAPSHOT_BYTES);
        copySegments(bufferDir, snapshotDir);
        await().atMost(Duration.ofSeconds(30)).until(() -> segmentBytes(bufferDir) >= 2 * SNAPSHOT_BYTES);

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        Map<String, List<Telemetry>> beforeKill = BufferDirIT.readBuffer(snapshotDir);
        Map<String, List<Telemetry>> restored = BufferDirIT.readBuffer(bufferDir);
        assertThat(beforeKill).isNotEmpty();
        assertThat(restored).containsOnlyKeys(beforeKill.keySet());
        beforeKill.forEach(
                (vehicleId, fixes) -> assertThat(restored.get(vehicleId)).containsAll(fixes));
        restored.values().forEach(BufferKillIT::assertSeqsHaveNoGap);

        broker = EmbeddedBroker.builder().port(0).dataDir(brokerDir).build().start(Duration.ofSeconds(60));
        String filter = Topics.vehicleFilter(BufferDirIT.FLEET, TopicKind.TELEMETRY);
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "kill-probe", filter);
                Simulator online = Simulator.start(onlineSettings(broker.serverUri()))) {
            assertThat(online.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> probe.telemetry().size() >= online.summary().acknowledged());

            assertThat(online.summary().allDelivered()).isTrue();
            Map<String, List<Telemetry>> received = probe.telemetry().stream()
                    .collect(Collectors.groupingBy(Telemetry::vehicleId, TreeMap::new, Collectors.toList()));
            restored.forEach(
                    (vehicleId, fixes) -> BufferDirIT.assertArrivedFirstAndOnce(fixes, received.get(vehicleId)));
        }
    }

    private static void assertSeqsHaveNoGap(List<Telemetry> fixes) {
        long first = fixes.get(0).seq();
        for (int i = 0; i < fixes.size(); i++) {
            assertThat(fixes.get(i).seq()).as("seq at index %d", i).isEqualTo(first + i);
        }
    }

    private Process startSimulator(String brokerUrl) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(),
                "--broker-url",
                brokerUrl,
                "--fleet",
                BufferDirIT.FLEET,
                "--vehicles",
                "2",
                "--seed",
                "7",
                "--interval-ms",
                "20",
                "--no-commands",
                "--buffer-dir",
                bufferDir.toString(),
                "--buffer-sync-ms",
                "50"));
        return new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("simulator.log").toFile())
                .start();
    }

    private SimulatorSettings onlineSettings(String brokerUrl) {
        return SimulatorSettings.builder()
                .brokerUrl(brokerUrl)
                .fleetId(BufferDirIT.FLEET)
                .vehicleCount(2)
                .seed(7)
                .interval(Duration.ofMillis(100))
                .duration(Duration.ofSeconds(1))
                .closeTimeout(Duration.ofSeconds(2))
                .commands(false)
                .buffer(new BufferSettings(bufferDir, BufferOverflow.DROP_OLDEST, Duration.ofMillis(20)))
                .build();
    }

    private static long segmentBytes(Path directory) throws IOException {
        long total = 0;
        for (Path file : segments(directory)) {
            total += Files.size(file);
        }
        return total;
    }

    private static void copySegments(Path from, Path to) throws IOException {
        for (Path file : segments(from)) {
            Files.copy(file, to.resolve(file.getFileName()));
        }
    }

    private static List<Path> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".fixlog"))
                    .toList();
        }
    }
}
