package org.fleettracker.tracker.internal.trips;

import org.fleettracker.protocol.api.Ids;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * A page of one vehicle's trips or stops that overlap a time range, ordered by (start time, id).
 *
 * @param from inclusive start of the range, or null for no bound: a segment that ends at or after it overlaps
 * @param to exclusive end of the range, or null for no bound: a segment that starts before it overlaps
 * @param after the (start time, id) of the last row of the previous page, or null for the first page
 * @param limit maximum rows of the page
 */
public record SegmentQuery(
        String vehicleId, @Nullable Instant from, @Nullable Instant to, @Nullable PageKey after, int limit) {

    public SegmentQuery {
        Ids.requireValid("vehicle id", vehicleId);
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be at least 1");
        }
    }

    /** Position of a row in the (start time, id) order. */
    public record PageKey(Instant startTime, String id) {

        public PageKey {
            Objects.requireNonNull(startTime, "startTime");
            Objects.requireNonNull(id, "id");
        }
    }
}
