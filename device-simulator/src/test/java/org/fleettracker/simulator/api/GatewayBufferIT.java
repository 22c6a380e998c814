package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.PasswordHashes;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TopicKind;
import org.fleettracker.protocol.api.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Gateways that buffer their vehicles' fixes on disk while the broker is down, then a run on the same buffer directory
 * against a broker with the security extension. A subscriber must receive each buffered fix once, in order per
 * vehicle, before the new ones.
 */
@Timeout(180)
class GatewayBufferIT {

    private static final String FLEET = "demo";
    private static final String GATEWAY_USER = "gw-demo";
    private static final String GATEWAY_PASSWORD = "gateway-test-pw";
    private static final String ADMIN_USER = "ops";
    private static final String ADMIN_PASSWORD = "ops-test-pw";
    private static final List<String> VEHICLES = List.of("sim-001", "sim-002", "sim-003", "sim-004");
    private static final int PER_GATEWAY = 2;

    /** Bytes of segment files to wait for before the kill; one fix record takes about 300 bytes (an estimate). */
    private static final long BYTES_BEFORE_KILL = 12_000;

    @TempDir
    Path bufferDir;

    @TempDir
    Path tempDir;

    private EmbeddedBroker broker;
    private Process child;

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
    void fixes_of_a_stopped_gateway_run_arrive_once() throws Exception {
        try (Simulator offline = Simulator.start(settings(BufferDirIT.closedPortUrl()))) {
            assertThat(offline.vehicleIds()).isEqualTo(VEHICLES);
            assertThat(offline.awaitCompletion(Duration.ofSeconds(20))).isTrue();
            SimulatorSummary summary = offline.summary();
            assertThat(summary.published()).isZero();
            assertThat(summary.bufferedNow()).isGreaterThanOrEqualTo(VEHICLES.size() * 5L);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> offline.summary().bufferedOnDisk() == summary.bufferedNow());
        }
        Map<String, List<Telemetry>> buffered = BufferDirIT.readBuffer(bufferDir, VEHICLES);
        assertThat(buffered).containsOnlyKeys(VEHICLES);

        deliverAfterRestart(buffered);
    }

    @Test
    void fixes_on_disk_before_sigkill_arrive_once() throws Exception {
        child = startChildSimulator();
        await().atMost(Duration.ofSeconds(60)).until(() -> segmentBytes() >= BYTES_BEFORE_KILL);

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        Map<String, List<Telemetry>> buffered = BufferDirIT.readBuffer(bufferDir, VEHICLES);
        assertThat(buffered).containsOnlyKeys(VEHICLES);

        deliverAfterRestart(buffered);
    }

    /** Runs the gateways against a broker on the buffer directory and checks what a subscriber received. */
    private void deliverAfterRestart(Map<String, List<Telemetry>> buffered) throws Exception {
        long bufferedCount = buffered.values().stream().mapToLong(List::size).sum();
        startBroker();
        String filter = Topics.vehicleFilter(FLEET, TopicKind.TELEMETRY);

        try (MqttProbe probe =
                        MqttProbe.subscribeAs(broker.serverUri(), "gw-probe", filter, ADMIN_USER, ADMIN_PASSWORD);
                Simulator online = Simulator.start(settings(broker.serverUri()))) {
            assertThat(online.bufferRestore().fixes()).isEqualTo(bufferedCount);
            assertThat(online.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> probe.telemetry().size() >= online.summary().acknowledged());

            SimulatorSummary summary = online.summary();
            assertThat(summary.allDelivered()).isTrue();
            assertThat(summary.rejected()).isZero();
            assertThat(summary.restoredFromDisk()).isEqualTo(bufferedCount);
            assertThat(online.bufferRestore().fixesOfOtherVehicles()).isZero();
            Map<String, List<Telemetry>> received = probe.telemetry().stream()
                    .collect(Collectors.groupingBy(Telemetry::vehicleId, TreeMap::new, Collectors.toList()));
            buffered.forEach(
                    (vehicleId, fixes) -> BufferDirIT.assertArrivedFirstAndOnce(fixes, received.get(vehicleId)));
        }
        assertThat(BufferDirIT.readBuffer(bufferDir, VEHICLES)).isEmpty();
    }

    private void startBroker() throws IOException {
        Path usersFile = tempDir.resolve("users.yaml");
        Files.writeString(
                usersFile,
                "users:\n"
                        + account(GATEWAY_USER, GATEWAY_PASSWORD, "gateway", "[demo]")
                        + account(ADMIN_USER, ADMIN_PASSWORD, "admin", "[]"),
                StandardCharsets.UTF_8);
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(Files.createDirectory(tempDir.resolve("broker")))
                .extension(new FleetSecurityExtension(usersFile))
                .build()
                .start(Duration.ofSeconds(60));
    }

    private static String account(String username, String password, String role, String fleets) {
        return "  - username: " + username + "\n"
                + "    password: \"" + PasswordHashes.hash(password.toCharArray()) + "\"\n"
                + "    role: " + role + "\n"
                + "    fleets: " + fleets + "\n";
    }

    private SimulatorSettings settings(String brokerUrl) {
        return SimulatorSettings.builder()
                .brokerUrl(brokerUrl)
                .username(GATEWAY_USER)
                .password(GATEWAY_PASSWORD)
                .fleetId(FLEET)
                .vehicleCount(VEHICLES.size())
                .gatewayVehicles(PER_GATEWAY)
                .seed(7)
                .interval(Duration.ofMillis(100))
                .duration(Duration.ofSeconds(1))
                .closeTimeout(Duration.ofSeconds(2))
                .reconnectDelays(Duration.ofMillis(100), Duration.ofMillis(500), 0.2)
                .commands(false)
                .buffer(new BufferSettings(bufferDir, BufferOverflow.DROP_OLDEST, Duration.ofMillis(20)))
                .build();
    }

    private Process startChildSimulator() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(),
                "--broker-url",
                BufferDirIT.closedPortUrl(),
                "--username",
                GATEWAY_USER,
                "--password",
                GATEWAY_PASSWORD,
                "--fleet",
                FLEET,
                "--vehicles",
                Integer.toString(VEHICLES.size()),
                "--gateway-vehicles",
                Integer.toString(PER_GATEWAY),
                "--seed",
                "7",
                "--interval-ms",
                "20",
                "--no-commands",
                "--buffer-dir",
                bufferDir.toString(),
                "--buffer-sync-ms",
                "50"));
        Path workDir = Files.createDirectory(tempDir.resolve("child"));
        return new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("simulator.log").toFile())
                .start();
    }

    private long segmentBytes() throws IOException {
        long total = 0;
        try (Stream<Path> files = Files.list(bufferDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".fixlog"))
                    .toList()) {
                total += Files.size(file);
            }
        }
        return total;
    }
}
