package org.fleettracker.protocol.api;

import java.util.Optional;

/**
 * The kinds of topic in version 1 of the contract, with the last topic level that names each and how messages on it
 * are sent. {@code docs/asyncapi.yaml} describes the same kinds; a test keeps the two in step.
 */
public enum TopicKind {
    /** {@code fleet/{fleetId}/vehicles/{vehicleId}/telemetry}: vehicle to tracker, QoS 1, JSON {@link Telemetry}. */
    TELEMETRY("telemetry", true, 1, false),
    /** {@code fleet/{fleetId}/vehicles/{vehicleId}/presence}: retained {@code online} or {@code offline}, QoS 1. */
    PRESENCE("presence", true, 1, true),
    /** {@code fleet/{fleetId}/vehicles/{vehicleId}/state}: tracker to everyone, retained JSON {@link VehicleState}. */
    STATE("state", true, 1, true),
    /** {@code fleet/{fleetId}/vehicles/{vehicleId}/commands}: dispatcher or tracker to one vehicle, QoS 1. */
    COMMANDS("commands", true, 1, false),
    /** {@code fleet/{fleetId}/vehicles/{vehicleId}/command-acks}: acknowledgements of the vehicle's commands, QoS 1. */
    COMMAND_ACKS("command-acks", true, 1, false),
    /** {@code fleet/{fleetId}/events}: tracker to dispatchers and viewers, one message per event, QoS 1. */
    EVENTS("events", false, 1, false),
    /** {@code fleet/{fleetId}/rejects}: tracker to operators, one message per rejected input, QoS 1. */
    REJECTS("rejects", false, 1, false);

    private final String level;
    private final boolean perVehicle;
    private final int qos;
    private final boolean retained;

    TopicKind(String level, boolean perVehicle, int qos, boolean retained) {
        this.level = level;
        this.perVehicle = perVehicle;
        this.qos = qos;
        this.retained = retained;
    }

    /** Returns the topic level that names this kind, such as {@code telemetry}. */
    public String level() {
        return level;
    }

    /**
     * Returns true for {@code fleet/{fleetId}/vehicles/{vehicleId}/{level}}, false for fleet-wide
     * {@code fleet/{fleetId}/{level}}.
     */
    public boolean perVehicle() {
        return perVehicle;
    }

    /** Returns the QoS that publishers of this kind use. */
    public int qos() {
        return qos;
    }

    /** Returns whether messages of this kind are published retained. */
    public boolean retained() {
        return retained;
    }

    /** Finds the kind named by a topic level such as {@code state}. */
    public static Optional<TopicKind> fromLevel(String level) {
        for (TopicKind kind : values()) {
            if (kind.level.equals(level)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
