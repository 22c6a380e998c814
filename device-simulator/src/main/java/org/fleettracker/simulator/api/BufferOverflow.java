package org.fleettracker.simulator.api;

import java.util.Locale;

/** Overflow policy: the fix a vehicle drops when its buffer is full. */
public enum BufferOverflow {
    /** Drops the oldest fix waiting to be sent, keeping the freshest positions, as telematics units usually do. */
    DROP_OLDEST,
    /** Drops each new fix while the buffer is full, keeping the start of the outage. */
    DROP_NEWEST;

    /** Returns the command-line spelling, such as {@code drop-oldest}. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses {@code drop-oldest} or {@code drop-newest}, ignoring case.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static BufferOverflow parse(String value) {
        for (BufferOverflow overflow : values()) {
            if (overflow.optionValue().equalsIgnoreCase(value.strip())) {
                return overflow;
            }
        }
        throw new IllegalArgumentException(
                "buffer overflow policy '" + value + "' is invalid: use drop-oldest or drop-newest");
    }
}
