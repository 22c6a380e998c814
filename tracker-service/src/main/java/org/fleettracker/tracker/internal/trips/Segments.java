package org.fleettracker.tracker.internal.trips;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Trips and stops that a {@link TripDetector} produced, each list ordered by start time. */
public record Segments(List<Trip> trips, List<Stop> stops) {

    public Segments {
        trips = List.copyOf(trips);
        stops = List.copyOf(stops);
    }

    public boolean isEmpty() {
        return trips.isEmpty() && stops.isEmpty();
    }

    /** Returns the earliest start time of any trip or stop, or empty when there is none. */
    public Optional<Instant> earliestStart() {
        return Stream.concat(trips.stream().map(Trip::startTime), stops.stream().map(Stop::startTime))
                .min(Instant::compareTo);
    }
}
