package org.fleettracker.console.internal.api;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** One stored position of a vehicle, as the history API returns it. */
public record HistoryPosition(
        Instant fixTime,
        double latitudeDeg,
        double longitudeDeg,
        @Nullable Double speedKmh,
        @Nullable Double headingDeg) {}
