package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.PasswordHashes;
import org.fleettracker.broker.api.PublishRateLimit;
import org.fleettracker.broker.api.SecurityCounter;
import org.fleettracker.broker.api.SecuritySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Replays a drive faster than the broker's publish rate limit lets a vehicle publish. */
@Timeout(120)
class RateLimitedVehicleIT {

    private static final String USERNAME = "demo-vehicles";
    private static final String PASSWORD = "vehicle-test-pw";
    private static final int FIXES_IN_DRIVE = 36;

    @TempDir
    Path tempDir;

    private EmbeddedBroker broker;

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
        SecuritySettings settings = SecuritySettings.builder()
                .publishRateLimit("vehicle", new PublishRateLimit(10, 5))
                .limitViolations(10_000, Duration.ofSeconds(10))
                .build();
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(Files.createDirectory(tempDir.resolve("broker")))
                .extension(new FleetSecurityExtension(usersFile, settings))
                .build()
                .start(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void rate_limited_vehicle_loses_no_fix() throws Exception {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(broker.serverUri())
                .username(USERNAME)
                .password(PASSWORD)
                .fleetId("demo")
                .replayFile(ReplayIT.fixture("drive-1.1.gpx"))
                .replayVehicleId("quota-car")
                .speedup(10_000)
                .build();

        try (Simulator simulator = Simulator.start(settings)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> simulator.summary().acknowledged()
                                    + simulator.summary().rejected()
                            >= FIXES_IN_DRIVE);

            assertThat(broker.securityCount(SecurityCounter.PUBLISHES_RATE_LIMITED))
                    .isPositive();
            assertThat(simulator.summary().acknowledged()).isEqualTo(FIXES_IN_DRIVE);
            assertThat(simulator.summary().rejected()).isZero();
        }
    }
}
