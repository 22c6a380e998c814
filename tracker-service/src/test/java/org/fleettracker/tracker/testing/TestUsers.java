package org.fleettracker.tracker.testing;

import org.fleettracker.broker.api.PasswordHashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A users file with the demo accounts and passwords, plus a vehicle account of a second fleet. */
public final class TestUsers {

    public static final String FLEET = "demo";
    public static final String OTHER_FLEET = "north";
    public static final String TRACKER = "tracker";
    public static final String VIEWER = "viewer";
    public static final String DISPATCHER = "dispatcher";
    public static final String DEMO_VEHICLES = "demo-vehicles";
    public static final String NORTH_VEHICLES = "north-vehicles";
    public static final String VEHICLE_PASSWORD = "vehicle-demo";
    /** An OwnTracks phone account, role owntracks; it publishes below owntracks/alice/. */
    public static final String OWNTRACKS_ALICE = "alice";
    /** A second OwnTracks account, whose topics alice may not publish to. */
    public static final String OWNTRACKS_BOB = "bob";
    /** A gateway account of fleet demo; its client ids are gw-demo or start with gw-demo-. */
    public static final String GATEWAY = "gw-demo";

    private TestUsers() {}

    /** Returns the password of a test account: the demo password for the demo accounts. */
    public static String passwordOf(String username) {
        return switch (username) {
            case DEMO_VEHICLES, NORTH_VEHICLES -> VEHICLE_PASSWORD;
            default -> username + "-demo";
        };
    }

    /**
     * Writes {@code users.yaml} into {@code folder}, creating it, and returns its path. Each write hashes the passwords
     * anew, so a broker watching the file sees every account changed: a broker and a tracker need separate folders.
     */
    public static Path write(Path folder) throws IOException {
        String yaml = "users:\n"
                + account(TRACKER, "tracker", "[]")
                + account(VIEWER, "viewer", "[" + FLEET + "]")
                + account(DISPATCHER, "dispatcher", "[" + FLEET + "]")
                + account(DEMO_VEHICLES, "vehicle", "[" + FLEET + "]")
                + account(NORTH_VEHICLES, "vehicle", "[" + OTHER_FLEET + "]")
                + account(OWNTRACKS_ALICE, "owntracks", "[]")
                + account(OWNTRACKS_BOB, "owntracks", "[]")
                + account(GATEWAY, "gateway", "[" + FLEET + "]");
        Files.createDirectories(folder);
        Path file = folder.resolve("users.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static String account(String username, String role, String fleets) {
        return "  - username: " + username + "\n"
                + "    password: \"" + PasswordHashes.hash(passwordOf(username).toCharArray()) + "\"\n"
                + "    role: " + role + "\n"
                + "    fleets: " + fleets + "\n";
    }
}
