package org.fleettracker.tracker.internal.storage;

import java.util.Locale;
import java.util.Optional;

/**
 * Step of a command's flow, in order; {@link #code()} is the value in the database, the HTTP API and
 * {@code command-updated} events. A command ends in {@link #COMPLETED}, {@link #REJECTED} or {@link #EXPIRED}.
 */
public enum CommandStatus {
    /** The tracker accepted the request. */
    CREATED,
    /** The command is committed to the database, so a tracker restart does not lose it. */
    STORED,
    /** The broker acknowledged the PUBLISH on the vehicle's commands topic (PUBACK). */
    PUBLISHED,
    /** The vehicle acknowledged with {@code received}. */
    DELIVERED,
    /** The vehicle acknowledged with {@code accepted}. */
    ACKNOWLEDGED,
    /** The vehicle acknowledged with {@code completed}. */
    COMPLETED,
    /** The vehicle acknowledged with {@code rejected}; the reason is stored. */
    REJECTED,
    /** The command's expiry time passed before the vehicle accepted it. */
    EXPIRED;

    /** Returns the lower-case code, such as {@code published}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns whether the flow has ended; no later step changes the status. */
    public boolean terminal() {
        return this == COMPLETED || this == REJECTED || this == EXPIRED;
    }

    /** Returns whether a command in this status may move to {@code next}: only forward, and never out of an end. */
    public boolean canMoveTo(CommandStatus next) {
        return !terminal() && next.ordinal() > ordinal();
    }

    /** Finds the status with code {@code code}. */
    public static Optional<CommandStatus> fromCode(String code) {
        for (CommandStatus status : values()) {
            if (status.code().equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
