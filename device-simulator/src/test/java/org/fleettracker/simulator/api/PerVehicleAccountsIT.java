package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.PasswordHashes;
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

/**
 * Vehicles that log in with accounts of their own through {@code --username {vehicle}}, as a Mosquitto ACL with
 * {@code %u} patterns needs, against the security extension with one account per vehicle.
 */
@Timeout(90)
class PerVehicleAccountsIT {

    private static final String PASSWORD = "vehicle-test-pw";

    @TempDir
    Path tempDir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() throws IOException {
        Path usersFile = tempDir.resolve("users.yaml");
        Files.writeString(usersFile, "users:\n" + account("own-001") + account("own-002"), StandardCharsets.UTF_8);
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(Files.createDirectory(tempDir.resolve("broker")))
                .extension(new FleetSecurityExtension(usersFile))
                .build()
                .start(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void each_vehicle_logs_in_with_its_own_account() {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(broker.serverUri())
                .username(SimulatorSettings.VEHICLE_ID_PLACEHOLDER)
                .password(PASSWORD)
                .vehicleIdPrefix("own-")
                .vehicleCount(2)
                .interval(Duration.ofMillis(100))
                .duration(Duration.ofSeconds(2))
                .commands(false)
                .build();

        try (Simulator simulator = Simulator.start(settings)) {
            assertThat(simulator.awaitCompletion(Duration.ofSeconds(30))).isTrue();

            assertThat(simulator.rejectedVehicles()).isEmpty();
            assertThat(simulator.summary().failedVehicles()).isZero();
            assertThat(simulator.summary().acknowledged()).isPositive();
            assertThat(simulator.summary().allDelivered()).isTrue();
        }
    }

    /** Returns an account that may connect only as vehicle {@code vehicleId} of fleet demo. */
    private static String account(String vehicleId) {
        return "  - username: " + vehicleId + "\n"
                + "    password: \"" + PasswordHashes.hash(PASSWORD.toCharArray()) + "\"\n"
                + "    role: vehicle\n"
                + "    fleets: [demo]\n"
                + "    vehicles: [" + vehicleId + "]\n";
    }
}
