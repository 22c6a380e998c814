package org.fleettracker.tracker.internal.storage;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * Filters and page of an event search; a null filter matches everything.
 *
 * @param from earliest event time, inclusive
 * @param to latest event time, exclusive
 * @param alertsOnly only events that are alerts
 * @param openOnly only alerts that no dispatcher acknowledged yet
 * @param acknowledgedOnly only alerts that a dispatcher acknowledged; not together with {@code openOnly}
 * @param after the last event of the previous page, by (event time, event id), to continue after it
 * @param limit at most this many events, from 1
 */
public record EventQuery(
        @Nullable String fleetId,
        @Nullable String vehicleId,
        @Nullable String type,
        @Nullable Instant from,
        @Nullable Instant to,
        boolean alertsOnly,
        boolean openOnly,
        boolean acknowledgedOnly,
        @Nullable PageKey after,
        int limit) {

    public EventQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be at least 1");
        }
        if (openOnly && acknowledgedOnly) {
            throw new IllegalArgumentException("openOnly and acknowledgedOnly exclude each other");
        }
    }

    /** Creates a query that does not filter on acknowledgement beyond {@code openOnly}. */
    public EventQuery(
            @Nullable String fleetId,
            @Nullable String vehicleId,
            @Nullable String type,
            @Nullable Instant from,
            @Nullable Instant to,
            boolean alertsOnly,
            boolean openOnly,
            @Nullable PageKey after,
            int limit) {
        this(fleetId, vehicleId, type, from, to, alertsOnly, openOnly, false, after, limit);
    }

    /** Position of a row in (time, id) order, to continue a search after it. */
    public record PageKey(Instant time, String id) {}
}
