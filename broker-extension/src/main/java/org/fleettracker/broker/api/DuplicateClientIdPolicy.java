package org.fleettracker.broker.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Handling of a CONNECT whose client id belongs to a client that is still connected. */
public enum DuplicateClientIdPolicy {
    /**
     * The MQTT standard behaviour: the new connection is accepted and HiveMQ closes the old one with DISCONNECT
     * reason code SESSION_TAKEN_OVER. A vehicle that reconnects before the broker noticed its dropped connection gets
     * in at once.
     */
    TAKEOVER,
    /**
     * The new connection is rejected with CONNACK reason code CLIENT_IDENTIFIER_NOT_VALID while the old one stays.
     * A vehicle whose network dropped without the broker noticing is locked out until HiveMQ closes the dead
     * connection, which takes up to 1.5 times its keep-alive interval.
     */
    REJECT_NEW;

    /** Returns the name used in settings files, such as {@code reject-new}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a name of a settings file; case is significant. */
    public static Optional<DuplicateClientIdPolicy> fromSettingName(String name) {
        return Arrays.stream(values()).filter(p -> p.settingName().equals(name)).findFirst();
    }

    /** Returns the names of all policies, comma-separated, for error messages. */
    public static String settingNames() {
        return Arrays.stream(values()).map(DuplicateClientIdPolicy::settingName).collect(Collectors.joining(", "));
    }
}
