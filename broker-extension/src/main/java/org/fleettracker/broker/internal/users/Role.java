package org.fleettracker.broker.internal.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Set of permissions of an account on the broker. The users file writes role names in lower case. */
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
    ADMIN,
    /**
     * A phone running the OwnTracks app in MQTT mode: publishes only below {@code owntracks/{its user name}/}; the
     * tracker's OwnTracks mapping file, not the account, places its devices in a fleet.
     */
    OWNTRACKS,
    /**
     * A telematics gateway: one connection that publishes telemetry, presence and command acks for any vehicle of
     * its fleets and reads their commands. Its client id is its user name, or starts with its user name and '-'.
     */
    GATEWAY;

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
