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
    /** Vehicle account of fleet demo that may connect only as bus-1 or bus-2. */
    static final String LISTED_VEHICLES = "listed-vehicles";
    /** Viewer of fleet demo that reads state and events. */
    static final String EVENTS_VIEWER = "events-viewer";
    /** OwnTracks phone account; it publishes below owntracks/alice/. */
    static final String OWNTRACKS = "alice";
    /** Gateway account of fleet demo; its client ids start with {@code gw-demo-}. */
    static final String GATEWAY = "gw-demo";

    static final String FLEET = "demo";
    static final String OTHER_FLEET = "north";

    private TestUsers() {}

    static String passwordOf(String username) {
        return username + "-pw";
    }

    /** Writes the users file into {@code folder} and returns its path. */
    static Path write(Path folder) throws IOException {
        Path file = folder.resolve("users.yaml");
        Files.writeString(file, yaml(), StandardCharsets.UTF_8);
        return file;
    }

    /** Returns the content of the users file. */
    static String yaml() {
        return "users:\n"
                + entry(TRACKER, "tracker", "[]")
                + entry(DISPATCHER, "dispatcher", "[demo]")
                + entry(VIEWER, "viewer", "[demo]")
                + entry(DEMO_VEHICLES, "vehicle", "[demo]")
                + entry(NORTH_VEHICLES, "vehicle", "[north]")
                + entry(ADMIN, "admin", "[]")
                + entry(LISTED_VEHICLES, "vehicle", "[demo]") + "    vehicles: [bus-1, bus-2]\n"
                + entry(EVENTS_VIEWER, "viewer", "[demo]") + "    topics: [state, events]\n"
                + entry(OWNTRACKS, "owntracks", "[]")
                + entry(GATEWAY, "gateway", "[demo]");
    }

    /** Returns one account of the users file, with the password {@link #passwordOf(String)}. */
    static String entry(String username, String role, String fleets) {
        String hash = PasswordHashes.hash(passwordOf(username).toCharArray());
        return "  - username: " + username + "\n"
                + "    password: \"" + hash + "\"\n"
                + "    role: " + role + "\n"
                + "    fleets: " + fleets + "\n";
    }
}
