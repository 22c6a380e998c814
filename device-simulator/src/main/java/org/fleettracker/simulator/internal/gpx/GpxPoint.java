package org.fleettracker.simulator.internal.gpx;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One point of a replay file: a GPX track, route or waypoint, or one fix of another replay format.
 *
 * @param lineNumber line of the point's start tag or record, for error messages
 * @param speedMps the GPX 1.0 {@code speed} element or a {@code speed} extension, in metres per second
 * @param courseDeg the GPX 1.0 {@code course} element or a {@code course} extension, from 0 to below 360
 * @param accuracyM horizontal accuracy radius the source reports, or null when it reports none (GPX has none)
 */
public record GpxPoint(
        int lineNumber,
        double latitudeDeg,
        double longitudeDeg,
        @Nullable Double altitudeM,
        @Nullable Instant time,
        @Nullable Double speedMps,
        @Nullable Double courseDeg,
        @Nullable Double accuracyM) {}
