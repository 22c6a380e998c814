package org.fleettracker.broker.internal.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an account may do on the broker; the users file writes the names in lower case. */
public enum Role {
    /** A vehicle: publishes its own telemetry and presence; its MQTT client id is its vehicle id. */
    VEHICLE,
    /** The tracker service: reads all telemetry and presence, publishes state and rejects of every fleet. */
    TRACKER,
    /** A dispatcher's console: reads everything of its fleets. */
    DISPATCHER,
    /** A read-only screen: reads the vehicle state of its fleets. */
    VIEWER,
    /** An operator: may publish and subscribe to every topic. */
    ADMIN;

    /** Returns the name used in the users file, such as {@code vehicle}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a name of the users file; case is significant. */
    public static Optional<Role> fromFileName(String name) {
        return Arrays.stream(values()).filter(r -> r.fileName().equals(name)).findFirst();
    }

    /** Returns the names of all roles, comma-separated, for error messages. */
    public static String fileNames() {
        return Arrays.stream(values()).map(Role::fileName).collect(Collectors.joining(", "));
    }
}
