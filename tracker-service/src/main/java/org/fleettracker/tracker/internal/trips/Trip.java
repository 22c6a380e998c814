package org.fleettracker.tracker.internal.trips;

import org.fleettracker.protocol.api.Ids;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Movement of a vehicle between two stops.
 *
 * @param startTime fix time of the last fix of the stop the vehicle left, or of its first fix when none came before
 * @param endTime fix time of the first fix of the stop it reached, or of its latest fix while open
 * @param distanceM sum of the distances between consecutive fixes, without GPS jitter while standing
 * @param maxSpeedKmh highest reported speed of the trip's fixes
 * @param positionCount accepted fixes from start to end, both included
 * @param open whether the trip is ongoing: no stop has ended it yet
 */
public record Trip(
        String tripId,
        String fleetId,
        String vehicleId,
        Instant startTime,
        double startLatitudeDeg,
        double startLongitudeDeg,
        Instant endTime,
        double endLatitudeDeg,
        double endLongitudeDeg,
        double distanceM,
        double maxSpeedKmh,
        int positionCount,
        boolean open) {

    public Trip {
        Objects.requireNonNull(tripId, "tripId");
        Ids.requireValid("fleet id", fleetId);
        Ids.requireValid("vehicle id", vehicleId);
        if (endTime.isBefore(startTime)) {
            throw new IllegalArgumentException("trip end " + endTime + " is before its start " + startTime);
        }
    }

    /** Whole seconds from start to end. */
    public long durationS() {
        return Duration.between(startTime, endTime).toSeconds();
    }

    /** Distance over duration; 0 for a trip of no duration. */
    public double averageSpeedKmh() {
        long millis = Duration.between(startTime, endTime).toMillis();
        return millis == 0 ? 0 : distanceM / millis * 3_600;
    }

    public Trip withId(String id) {
        return new Trip(
                id,
                fleetId,
                vehicleId,
                startTime,
                startLatitudeDeg,
                startLongitudeDeg,
                endTime,
                endLatitudeDeg,
                endLongitudeDeg,
                distanceM,
                maxSpeedKmh,
                positionCount,
                open);
    }
}
