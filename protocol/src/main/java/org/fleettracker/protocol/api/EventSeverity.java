package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** How urgent a {@link FleetEvent} is; {@link #code()} is the value on the wire. */
public enum EventSeverity {
    /** A fact to record, such as a trip that ended. */
    INFO,
    /** Something a dispatcher should look at, such as overspeed or a vehicle gone offline. */
    WARNING,
    /** Something a dispatcher must act on now, such as a panic button. */
    CRITICAL;

    /** Returns the lower-case wire code, such as {@code warning}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Finds the severity with wire code {@code code}. */
    public static Optional<EventSeverity> fromCode(String code) {
        for (EventSeverity severity : values()) {
            if (severity.code().equals(code)) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
