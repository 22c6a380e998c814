package org.fleettracker.simulator.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the simulator against a closed port on 127.0.0.1, where every connect attempt is refused. */
@Timeout(60)
class UnreachableBrokerIT {

    private static final Duration DURATION = Duration.ofSeconds(2);
    private static final Duration GRACE = Duration.ofSeconds(1);

    private String brokerUrl;

    @BeforeEach
    void findClosedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            brokerUrl = "tcp://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void generated_run_completes_shortly_after_duration() {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(brokerUrl)
                .vehicleCount(2)
                .interval(Duration.ofMillis(200))
                .duration(DURATION)
                .closeTimeout(GRACE)
                .reconnectDelays(Duration.ofMillis(100), Duration.ofMillis(500), 0.2)
                .build();
        long startNanos = System.nanoTime();

        try (Simulator simulator = Simulator.start(settings)) {
            boolean complete = simulator.awaitCompletion(Duration.ofSeconds(20));

            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            assertThat(complete).isTrue();
            assertThat(elapsed).isGreaterThanOrEqualTo(DURATION.plus(GRACE));
            assertThat(elapsed).isLessThan(DURATION.plus(GRACE).plusSeconds(3));
            assertThat(simulator.summary().bufferedNow()).isPositive();
            assertThat(simulator.summary().failedVehicles()).isZero();
        }
    }

    @Test
    void generated_run_exits_with_1_naming_unacknowledged_fixes() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ConsoleOutput console = new ConsoleOutput(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        int exitCode = Main.run(
                console, "--broker-url", brokerUrl, "--vehicles", "1", "--interval-ms", "200", "--duration", "1");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("fixes were not acknowledged within 5000 ms after --duration ended")
                .contains(brokerUrl);
    }

    @Test
    void replay_without_duration_keeps_waiting_for_the_broker() {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(brokerUrl)
                .replayFile(ReplayIT.fixture("drive-1.1.gpx"))
                .speedup(100)
                .closeTimeout(GRACE)
                .reconnectDelays(Duration.ofMillis(100), Duration.ofMillis(500), 0.2)
                .build();

        try (Simulator simulator = Simulator.start(settings)) {
            boolean complete = simulator.awaitCompletion(Duration.ofSeconds(3));

            assertThat(complete).isFalse();
            assertThat(simulator.summary().bufferedNow()).isPositive();
        }
    }
}
