package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** Action that a {@link Command} requests from the vehicle; {@link #code()} is the value on the wire. */
public enum CommandType {
    /** Show {@link Command#text()} to the driver. */
    MESSAGE,
    /** Publish a telemetry fix now instead of at the next interval. */
    REQUEST_POSITION,
    /** Take on the job in {@link Command#job()}; older senders name the job in {@link Command#parameters()} only. */
    ASSIGN_JOB,
    /** Drop the job whose id is the {@code jobId} entry of {@link Command#parameters()}. */
    CANCEL_JOB;

    /** Returns the lower-case, hyphenated wire code, such as {@code request-position}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Finds the type with wire code {@code code}. */
    public static Optional<CommandType> fromCode(String code) {
        for (CommandType type : values()) {
            if (type.code().equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
