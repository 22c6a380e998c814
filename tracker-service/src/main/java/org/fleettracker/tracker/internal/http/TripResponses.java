package org.fleettracker.tracker.internal.http;

import org.fleettracker.tracker.internal.trips.Stop;
import org.fleettracker.tracker.internal.trips.Trip;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** JSON bodies of the trips and stops endpoints. Null fields are left out unless marked otherwise. */
final class TripResponses {

    private TripResponses() {}

    /**
     * One trip.
     *
     * @param endTime when the trip ended, or the fix time of its latest fix while it is open
     * @param open whether the trip is ongoing
     */
    record TripBody(
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
            long durationS,
            double maxSpeedKmh,
            double averageSpeedKmh,
            int positionCount,
            boolean open) {

        static TripBody of(Trip trip) {
            return new TripBody(
                    trip.tripId(),
                    trip.fleetId(),
                    trip.vehicleId(),
                    trip.startTime(),
                    trip.startLatitudeDeg(),
                    trip.startLongitudeDeg(),
                    trip.endTime(),
                    trip.endLatitudeDeg(),
                    trip.endLongitudeDeg(),
                    trip.distanceM(),
                    trip.durationS(),
                    trip.maxSpeedKmh(),
                    trip.averageSpeedKmh(),
                    trip.positionCount(),
                    trip.open());
        }
    }

    /**
     * One stop.
     *
     * @param endTime when the vehicle left, absent while the stop is ongoing
     * @param latitudeDeg latitude of the centroid of the stop's stationary fixes
     * @param durationS seconds from the start to the end, or to the latest fix while ongoing
     */
    record StopBody(
            String stopId,
            String fleetId,
            String vehicleId,
            Instant startTime,
            @Nullable Instant endTime,
            double latitudeDeg,
            double longitudeDeg,
            long durationS,
            boolean open) {

        static StopBody of(Stop stop) {
            return new StopBody(
                    stop.stopId(),
                    stop.fleetId(),
                    stop.vehicleId(),
                    stop.startTime(),
                    stop.endTime(),
                    stop.latitudeDeg(),
                    stop.longitudeDeg(),
                    stop.durationS(),
                    stop.open());
        }
    }
}
