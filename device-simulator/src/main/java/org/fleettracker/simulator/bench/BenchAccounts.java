package org.fleettracker.simulator.bench;

import org.fleettracker.broker.api.PasswordHashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The broker accounts of one benchmark run, with new random passwords, written as a users file in the run's temp
 * folder. They mirror the demo set-up: the tracker logs in as {@code tracker} (role tracker), all vehicles share one
 * vehicle account of the bench fleet, as the simulator's {@code demo-vehicles} does, and the state watcher uses a
 * dispatcher account of that fleet.
 */
record BenchAccounts(String trackerPassword, String vehiclesPassword, String observerPassword) {

    static final String FLEET_ID = "bench";

    static final String TRACKER_USERNAME = "tracker";

    static final String VEHICLES_USERNAME = "bench-vehicles";

    static final String OBSERVER_USERNAME = "bench-observer";

    private static final int PASSWORD_BYTES = 18;

    static BenchAccounts random() {
        SecureRandom random = new SecureRandom();
        return new BenchAccounts(password(random), password(random), password(random));
    }

    /** Writes the users file with the PBKDF2 hashes of the passwords. */
    void writeUsersFile(Path file) throws IOException {
        String yaml =
                """
                # Accounts of one ./fleet bench run; the passwords exist only in the benchmark's memory.
                users:
                  - username: %s
                    password: "%s"
                    role: tracker
                  - username: %s
                    password: "%s"
                    role: vehicle
                    fleets: [%s]
                  - username: %s
                    password: "%s"
                    role: dispatcher
                    fleets: [%s]
                """
                        .formatted(
                                TRACKER_USERNAME,
                                PasswordHashes.hash(trackerPassword.toCharArray()),
                                VEHICLES_USERNAME,
                                PasswordHashes.hash(vehiclesPassword.toCharArray()),
                                FLEET_ID,
                                OBSERVER_USERNAME,
                                PasswordHashes.hash(observerPassword.toCharArray()),
                                FLEET_ID);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "BenchAccounts[passwords=***]";
    }

    private static String password(SecureRandom random) {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
