package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.PasswordHashes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Runs the simulator against a broker guarded by the real fleet security extension. */
@Timeout(90)
class RejectedLoginIT {

    private static final String USERNAME = "demo-vehicles";
    private static final String PASSWORD = "vehicle-test-pw";
    private static final Duration DURATION = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    private EmbeddedBroker broker;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ConsoleOutput console = new ConsoleOutput(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @BeforeEach
    void startBroker() throws IOException {
        Path usersFile = tempDir.resolve("users.yaml");
        Files.writeString(
                usersFile,
                "users:\n"
                        + "  - username: " + USERNAME + "\n"
                        + "    password: \"" + PasswordHashes.hash(PASSWORD.toCharArray()) + "\"\n"
                        + "    role: vehicle\n"
                        + "    fleets: [demo]\n",
                StandardCharsets.UTF_8);
        Path dataDir = Files.createDirectory(tempDir.resolve("broker"));
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(dataDir)
                .extension(new FleetSecurityExtension(usersFile))
                .build()
                .start(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void wrong_password_exits_with_1_well_before_duration() {
        long startNanos = System.nanoTime();

        int exitCode = run("nope", DURATION);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        assertThat(exitCode).isEqualTo(1);
        assertThat(elapsed).isLessThan(DURATION.dividedBy(3));
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("rejected the login of vehicle sim-001: bad user name or password (reason code 0x86);"
                        + " check --username and --password");
    }

    @Test
    void wrong_password_counts_the_vehicle_as_failed() {
        run("nope", DURATION);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("connected 0/1, published 0, acknowledged 0")
                .contains("failed vehicles 1");
    }

    @Test
    void foreign_fleet_is_not_authorized() throws Exception {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(broker.serverUri())
                .username(USERNAME)
                .password(PASSWORD)
                .fleetId("north")
                .vehicleCount(2)
                .interval(Duration.ofMillis(100))
                .build();

        try (Simulator simulator = Simulator.start(settings)) {
            assertThat(simulator.awaitCompletion(Duration.ofSeconds(20))).isTrue();

            assertThat(simulator.rejectedVehicles())
                    .extracting(RejectedVehicle::vehicleId, RejectedVehicle::reasonCodeHex)
                    .containsExactly(tuple("sim-001", "0x87"), tuple("sim-002", "0x87"));
            assertThat(simulator.summary().failedVehicles()).isEqualTo(2);
            assertThat(simulator.summary().bufferedNow()).isZero();
            assertThat(simulator.summary().allDelivered()).isFalse();
        }
    }

    @Test
    void right_password_exits_with_0() {
        int exitCode = run(PASSWORD, Duration.ofSeconds(2));

        assertThat(exitCode).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private int run(String password, Duration duration) {
        return Main.run(
                console,
                "--broker-url",
                broker.serverUri(),
                "--username",
                USERNAME,
                "--password",
                password,
                "--vehicles",
                "1",
                "--interval-ms",
                "200",
                "--duration",
                Long.toString(duration.toSeconds()),
                "--progress-seconds",
                "1");
    }
}
