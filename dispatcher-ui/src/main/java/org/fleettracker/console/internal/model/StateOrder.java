package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.VehicleState;

/** Decides which of two states of one vehicle is the latest: ordering uses fix time, never received time. */
final class StateOrder {

    private StateOrder() {}

    /**
     * Returns whether {@code candidate} replaces {@code current}: it has a later fix time, or the same fix time
     * and an update time that is not earlier (the tracker republishes a state with the same fix when only the
     * presence changes).
     */
    static boolean supersedes(VehicleState candidate, VehicleState current) {
        int byFixTime = candidate.fixTime().compareTo(current.fixTime());
        if (byFixTime != 0) {
            return byFixTime > 0;
        }
        return !candidate.updatedTime().isBefore(current.updatedTime());
    }

    static TrailPoint trailPoint(VehicleState state) {
        return new TrailPoint(state.fixTime(), new GeoPoint(state.latitudeDeg(), state.longitudeDeg()));
    }
}
