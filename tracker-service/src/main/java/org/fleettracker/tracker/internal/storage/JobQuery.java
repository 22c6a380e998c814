package org.fleettracker.tracker.internal.storage;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * Filters and page of a job search; a null filter matches everything.
 *
 * @param from earliest creation time, inclusive
 * @param to latest creation time, exclusive
 * @param after the last job of the previous page, by (created time, job id), to continue after it
 * @param limit at most this many jobs, from 1
 */
public record JobQuery(
        @Nullable String fleetId,
        @Nullable String vehicleId,
        @Nullable JobStatus status,
        @Nullable Instant from,
        @Nullable Instant to,
        EventQuery.@Nullable PageKey after,
        int limit) {

    public JobQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be at least 1");
        }
    }
}
