package org.fleettracker.tracker.internal.geofence;

import org.fleettracker.protocol.api.Ids;
import org.fleettracker.tracker.internal.geo.Shape;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Objects;

/**
 * A named area of one fleet. Ids follow the fleet and vehicle id rules and are unique across fleets.
 *
 * @param name text for people, at most {@value #MAX_NAME_LENGTH} characters; the id when none is given
 * @param speedLimitKmh speed limit inside the area, above 0, or null for none
 * @param dwell how long a vehicle must stay inside before a dwell event, or null to use {@code fleet.geofence-dwell}
 */
public record Geofence(
        String id, String fleetId, String name, Shape shape, @Nullable Double speedLimitKmh, @Nullable Duration dwell) {

    public static final int MAX_NAME_LENGTH = 256;

    public Geofence {
        Ids.requireValid("geofence id", id);
        Ids.requireValid("fleet id", fleetId);
        Objects.requireNonNull(name, "name");
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "name has " + name.length() + " characters but may have at most " + MAX_NAME_LENGTH);
        }
        Objects.requireNonNull(shape, "shape");
        if (speedLimitKmh != null && (!(speedLimitKmh > 0) || speedLimitKmh.isInfinite())) {
            throw new IllegalArgumentException("speed limit " + speedLimitKmh + " km/h must be above 0");
        }
        if (dwell != null && dwell.isNegative()) {
            throw new IllegalArgumentException("dwell " + dwell + " must not be negative");
        }
    }

    /** Returns this geofence's dwell time, or {@code fleetDwell} when it sets none. */
    public Duration dwellOr(Duration fleetDwell) {
        return dwell != null ? dwell : fleetDwell;
    }
}
