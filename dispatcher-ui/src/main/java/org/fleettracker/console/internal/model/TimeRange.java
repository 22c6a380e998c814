package org.fleettracker.console.internal.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of time {@code [from, to)} in UTC, such as the range of a history playback. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("time range end " + to + " is not after its start " + from);
        }
    }

    /** Returns the range of length {@code length} that ends at {@code to}. */
    public static TimeRange ending(Instant to, Duration length) {
        return new TimeRange(to.minus(length), to);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** Returns {@code time} moved into the range: {@code from} if earlier, {@code to} if later. */
    public Instant clamp(Instant time) {
        if (time.isBefore(from)) {
            return from;
        }
        return time.isAfter(to) ? to : time;
    }
}
