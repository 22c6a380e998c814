package org.fleettracker.tracker.internal.trips;

import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.tracker.internal.geo.Geo;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * The parts of one accepted fix that trip detection uses.
 *
 * @param ignition the reported ignition, or null when the vehicle reports none
 */
public record TrackPoint(
        Instant fixTime, double latitudeDeg, double longitudeDeg, double speedKmh, @Nullable Boolean ignition) {

    public TrackPoint {
        Objects.requireNonNull(fixTime, "fixTime");
    }

    public static TrackPoint of(StoredPosition position) {
        var fix = position.fix();
        return new TrackPoint(fix.fixTime(), fix.latitudeDeg(), fix.longitudeDeg(), fix.speedKmh(), fix.ignition());
    }

    /**
     * Returns whether the vehicle stood still at this fix: its speed is below {@link
     * MotionStatus#MOVING_THRESHOLD_KMH}, or its ignition is off whatever the GPS speed.
     */
    public boolean stationary() {
        return speedKmh < MotionStatus.MOVING_THRESHOLD_KMH || Boolean.FALSE.equals(ignition);
    }

    /**
     * Returns whether the vehicle moved at most at walking pace: below twice {@link
     * MotionStatus#MOVING_THRESHOLD_KMH}, or stationary. Such a fix near a halt's anchor continues the halt, because
     * GPS speed of a standing receiver jitters around the threshold.
     */
    public boolean slow() {
        return stationary() || speedKmh < 2 * MotionStatus.MOVING_THRESHOLD_KMH;
    }

    public double distanceM(TrackPoint other) {
        return Geo.distanceM(latitudeDeg, longitudeDeg, other.latitudeDeg, other.longitudeDeg);
    }
}
