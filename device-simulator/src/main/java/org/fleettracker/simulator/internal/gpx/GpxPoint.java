package org.fleettracker.simulator.internal.gpx;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One track, route or waypoint of a GPX file.
 *
 * @param lineNumber line of the point's start tag, for error messages
 * @param speedMps the GPX 1.0 {@code speed} element or a {@code speed} extension, in metres per second
 * @param courseDeg the GPX 1.0 {@code course} element or a {@code course} extension, from 0 to below 360
 */
public record GpxPoint(
        int lineNumber,
        double latitudeDeg,
        double longitudeDeg,
        @Nullable Double altitudeM,
        @Nullable Instant time,
        @Nullable Double speedMps,
        @Nullable Double courseDeg) {}
