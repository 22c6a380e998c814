package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Optional;

/**
 * Activity of a vehicle, from its latest accepted fix and its presence.
 *
 * <p>The tracker sets {@link #OFFLINE} when the vehicle's presence is offline (its last will, for example) or when
 * no fix arrived within its offline timeout; otherwise the latest fix decides with {@link #of}.
 */
public enum MotionStatus {
    /** Speed at or above {@link #MOVING_THRESHOLD_KMH}. */
    MOVING,
    /** Speed below {@link #MOVING_THRESHOLD_KMH} with the ignition off or not reported. */
    STOPPED,
    /** Speed below {@link #MOVING_THRESHOLD_KMH} with the ignition on. */
    IDLE,
    /** Presence offline, or no fix within the tracker's offline timeout. */
    OFFLINE;

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

    /** Returns {@link #MOVING} or {@link #STOPPED} from the speed alone. */
    public static MotionStatus fromSpeed(double speedKmh) {
        return speedKmh >= MOVING_THRESHOLD_KMH ? MOVING : STOPPED;
    }

    /** Returns the status of an online vehicle whose latest fix has this speed and ignition. */
    public static MotionStatus of(double speedKmh, @Nullable Boolean ignition) {
        if (speedKmh >= MOVING_THRESHOLD_KMH) {
            return MOVING;
        }
        return Boolean.TRUE.equals(ignition) ? IDLE : STOPPED;
    }
}
