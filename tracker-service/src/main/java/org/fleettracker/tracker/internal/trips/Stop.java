package org.fleettracker.tracker.internal.trips;

import org.fleettracker.protocol.api.Ids;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A period in which a vehicle stood still, including short hops merged into it.
 *
 * @param startTime fix time of the first stationary fix
 * @param endTime fix time of the last stationary fix before the vehicle left on a trip, or null while ongoing
 * @param lastFixTime fix time of the stop's latest fix, equal to {@code endTime} once the stop ended
 * @param latitudeDeg latitude of the centroid of the stop's stationary fixes
 * @param longitudeDeg longitude of that centroid
 */
public record Stop(
        String stopId,
        String fleetId,
        String vehicleId,
        Instant startTime,
        @Nullable Instant endTime,
        Instant lastFixTime,
        double latitudeDeg,
        double longitudeDeg) {

    public Stop {
        Objects.requireNonNull(stopId, "stopId");
        Ids.requireValid("fleet id", fleetId);
        Ids.requireValid("vehicle id", vehicleId);
        if (lastFixTime.isBefore(startTime)) {
            throw new IllegalArgumentException("stop's last fix " + lastFixTime + " is before its start " + startTime);
        }
    }

    public boolean open() {
        return endTime == null;
    }

    /** Whole seconds from the start to the end, or to the latest fix while ongoing. */
    public long durationS() {
        return Duration.between(startTime, endTime == null ? lastFixTime : endTime)
                .toSeconds();
    }

    public Stop withId(String id) {
        return new Stop(id, fleetId, vehicleId, startTime, endTime, lastFixTime, latitudeDeg, longitudeDeg);
    }
}
