package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** How far a vehicle got with a command; a vehicle may send several acks for one command, in this order. */
public enum CommandAckStatus {
    /** The vehicle got the command. */
    RECEIVED,
    /** The vehicle (or its driver) agreed to carry it out. */
    ACCEPTED,
    /** The vehicle carried it out. */
    COMPLETED,
    /** The vehicle will not carry it out; {@link CommandAck#reason()} gives the reason. */
    REJECTED;

    /** Returns the lower-case wire code, such as {@code accepted}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Finds the status with wire code {@code code}. */
    public static Optional<CommandAckStatus> fromCode(String code) {
        for (CommandAckStatus status : values()) {
            if (status.code().equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
