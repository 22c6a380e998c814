package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** Kind of work at a {@link JobStop}; {@link #code()} is the value on the wire. */
public enum JobStopKind {
    /** The vehicle loads goods or passengers. */
    PICKUP,
    /** The vehicle unloads goods or passengers. */
    DROP_OFF;

    /** Returns the lower-case, hyphenated wire code, such as {@code drop-off}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Finds the kind with wire code {@code code}. */
    public static Optional<JobStopKind> fromCode(String code) {
        for (JobStopKind kind : values()) {
            if (kind.code().equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
