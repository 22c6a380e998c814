package org.fleettracker.console.internal.model;

import java.time.Instant;

/** One past position of a vehicle on its trail. */
public record TrailPoint(Instant fixTime, GeoPoint position) {}
