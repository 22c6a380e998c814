package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.PasswordHashes;
import org.fleettracker.broker.api.PublishRateLimit;
import org.fleettracker.broker.api.SecuritySettings;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.simulator.internal.buffer.FixJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops many connected vehicles and checks that the stop takes well under one close timeout, that each vehicle
 * leaves its retained {@code offline} presence, and that the summary keeps the acknowledged and buffered fixes.
 */
@Timeout(120)
class StopIT {

    private static final String FLEET = "demo";
    private static final String USERNAME = "demo-vehicles";
    private static final String PASSWORD = "vehicle-test-pw";

    /** Far above the stop time expected, so a stop that waits one close timeout fails the time check. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration MAX_STOP_TIME = Duration.ofSeconds(3);

    @TempDir
    Path tempDir;

    private EmbeddedBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void two_hundred_connected_vehicles_stop_quickly() throws Exception {
        int vehicles = 200;
        broker = EmbeddedBroker.builder().port(0).dataDir(tempDir).build().start(Duration.ofSeconds(60));
        MqttProbe telemetryProbe = MqttProbe.subscribe(broker.serverUri(), "stop-telemetry", Topics.ALL_TELEMETRY);
        Simulator simulator = Simulator.start(settings(vehicles, Duration.ofMillis(500))
                .brokerUrl(broker.serverUri())
                .build());
        SimulatorSummary before;
        long stopNanos;
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> simulator.summary().connectedVehicles() == vehicles);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> simulator.summary().acknowledged() >= 2L * vehicles);
            before = simulator.summary();

            stopNanos = timeClose(simulator);
        } finally {
            simulator.close();
        }

        SimulatorSummary after = simulator.summary();
        assertThat(Duration.ofNanos(stopNanos)).isLessThan(MAX_STOP_TIME);
        assertThat(after.connectedVehicles()).isZero();
        assertThat(after.acknowledged()).isGreaterThanOrEqualTo(before.acknowledged());
        assertThat(after.published()).isGreaterThanOrEqualTo(after.acknowledged());
        assertThat(after.rejected()).isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> telemetryProbe.telemetry().size() >= after.acknowledged());
        telemetryProbe.close();
        try (MqttProbe presenceProbe = MqttProbe.subscribe(broker.serverUri(), "stop-presence", Topics.ALL_PRESENCE)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> presenceProbe.messages().size() >= vehicles);

            assertThat(presenceProbe.messages()).hasSize(vehicles).allSatisfy(message -> {
                assertThat(message.text()).isEqualTo("offline");
                assertThat(message.retained()).isTrue();
            });
        }
    }

    @Test
    void fixes_buffered_at_the_stop_stay_on_disk() throws Exception {
        int vehicles = 20;
        Path bufferDir = Files.createDirectory(tempDir.resolve("buffer"));
        startRateLimitedBroker();
        // Ten fixes a second against a limit of two lets every vehicle's outbox grow while it stays connected.
        Simulator simulator = Simulator.start(settings(vehicles, Duration.ofMillis(100))
                .brokerUrl(broker.serverUri())
                .username(USERNAME)
                .password(PASSWORD)
                .buffer(new BufferSettings(bufferDir, BufferOverflow.DROP_OLDEST, Duration.ofMillis(20)))
                .build());
        long stopNanos;
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> simulator.summary().connectedVehicles() == vehicles);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> simulator.summary().bufferedNow() >= 5L * vehicles);

            stopNanos = timeClose(simulator);
        } finally {
            simulator.close();
        }

        SimulatorSummary after = simulator.summary();
        assertThat(Duration.ofNanos(stopNanos)).isLessThan(MAX_STOP_TIME);
        assertThat(after.connectedVehicles()).isZero();
        assertThat(after.acknowledged()).isPositive();
        assertThat(after.notWrittenToDisk()).isZero();
        assertThat(after.bufferedOnDisk()).isGreaterThanOrEqualTo(after.bufferedNow());
        assertThat(fixesOnDisk(bufferDir, simulator.vehicleIds())).isGreaterThanOrEqualTo(after.bufferedNow());
    }

    private static long timeClose(Simulator simulator) {
        long startNanos = System.nanoTime();
        simulator.close();
        return System.nanoTime() - startNanos;
    }

    private static SimulatorSettings.Builder settings(int vehicles, Duration interval) {
        return SimulatorSettings.builder()
                .fleetId(FLEET)
                .vehicleCount(vehicles)
                .interval(interval)
                .closeTimeout(CLOSE_TIMEOUT)
                .seed(2026);
    }

    private void startRateLimitedBroker() throws IOException {
        Path usersFile = tempDir.resolve("users.yaml");
        Files.writeString(
                usersFile,
                "users:\n"
                        + "  - username: " + USERNAME + "\n"
                        + "    password: \"" + PasswordHashes.hash(PASSWORD.toCharArray()) + "\"\n"
                        + "    role: vehicle\n"
                        + "    fleets: [" + FLEET + "]\n",
                StandardCharsets.UTF_8);
        SecuritySettings security = SecuritySettings.builder()
                .publishRateLimit("vehicle", new PublishRateLimit(2, 2))
                .limitViolations(1_000_000, Duration.ofSeconds(10))
                .build();
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(Files.createDirectory(tempDir.resolve("broker")))
                .extension(new FleetSecurityExtension(usersFile, security))
                .build()
                .start(Duration.ofSeconds(60));
    }

    private static long fixesOnDisk(Path bufferDir, List<String> vehicleIds) {
        try (FixJournal journal = FixJournal.open(bufferDir, Duration.ofMillis(20))) {
            return vehicleIds.stream()
                    .mapToLong(id -> journal.forVehicle(FLEET, id).restored().size())
                    .sum();
        }
    }
}
