package org.fleettracker.protocol.api;

/** The kinds of topic in version 1 of the contract, with the last topic level that names each. */
public enum TopicKind {
    /** {@code fleet/{fleetId}/vehicles/{vehicleId}/telemetry}: vehicle to tracker, QoS 1. */
    TELEMETRY("telemetry"),
    /** {@code fleet/{fleetId}/vehicles/{vehicleId}/presence}: retained {@code online} or {@code offline}. */
    PRESENCE("presence"),
    /** {@code fleet/{fleetId}/vehicles/{vehicleId}/state}: tracker to everyone, retained. */
    STATE("state"),
    /** {@code fleet/{fleetId}/rejects}: tracker to operators, one message per rejected input. */
    REJECTS("rejects");

    private final String level;

    TopicKind(String level) {
        this.level = level;
    }

    /** Returns the topic level that names this kind, such as {@code telemetry}. */
    public String level() {
        return level;
    }
}
