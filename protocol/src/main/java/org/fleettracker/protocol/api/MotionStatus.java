package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** Whether a vehicle was moving at its latest accepted fix. */
public enum MotionStatus {
    /** Speed at or above {@link #MOVING_THRESHOLD_KMH}. */
    MOVING,
    /** Speed below {@link #MOVING_THRESHOLD_KMH}. */
    STOPPED;

    /** Speed from which a vehicle counts as moving, in km/h; GPS noise at standstill stays below it. */
    public static final double MOVING_THRESHOLD_KMH = 3.0;

    /** Returns the lower-case wire value, {@code moving} or {@code stopped}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Finds the status with wire code {@code code}. */
    public static Optional<MotionStatus> fromCode(String code) {
        for (MotionStatus status : values()) {
            if (status.code().equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    public static MotionStatus fromSpeed(double speedKmh) {
        return speedKmh >= MOVING_THRESHOLD_KMH ? MOVING : STOPPED;
    }
}
