package org.fleettracker.simulator.internal.motion;

import org.jspecify.annotations.Nullable;

/**
 * Position and motion of a vehicle at one instant, before it gets a seq and a fix time.
 *
 * @param accuracyM horizontal accuracy radius the vehicle reports, or null when its source gives none
 */
public record MotionFix(
        double latitudeDeg,
        double longitudeDeg,
        double speedKmh,
        double headingDeg,
        @Nullable Double altitudeM,
        @Nullable Double accuracyM,
        @Nullable Double odometerM) {}
