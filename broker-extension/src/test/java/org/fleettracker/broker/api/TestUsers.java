package org.fleettracker.broker.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Accounts of the integration tests; each password is the user name followed by {@code -pw}. */
final class TestUsers {

    static final String TRACKER = "tracker";
    static final String DISPATCHER = "dispatcher";
    static final String VIEWER = "viewer";
    static final String DEMO_VEHICLES = "demo-vehicles";
    static final String NORTH_VEHICLES = "north-vehicles";
    static final String ADMIN = "admin";

    static final String FLEET = "demo";
    static final String OTHER_FLEET = "north";

    private TestUsers() {}

    static String passwordOf(String username) {
        return username + "-pw";
    }

    /** Writes the users file into {@code folder} and returns its path. */
    static Path write(Path folder) throws IOException {
        String yaml = "users:\n"
                + entry(TRACKER, "tracker", "[]")
                + entry(DISPATCHER, "dispatcher", "[demo]")
                + entry(VIEWER, "viewer", "[demo]")
                + entry(DEMO_VEHICLES, "vehicle", "[demo]")
                + entry(NORTH_VEHICLES, "vehicle", "[north]")
                + entry(ADMIN, "admin", "[]");
        Path file = folder.resolve("users.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static String entry(String username, String role, String fleets) {
        String hash = PasswordHashes.hash(passwordOf(username).toCharArray());
        return "  - username: " + username + "\n"
                + "    password: \"" + hash + "\"\n"
                + "    role: " + role + "\n"
                + "    fleets: " + fleets + "\n";
    }
}
