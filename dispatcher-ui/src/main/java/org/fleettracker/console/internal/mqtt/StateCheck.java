package org.fleettracker.console.internal.mqtt;

import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

/**
 * Checks a decoded state beyond what its record checks: JSON without a required field decodes to null fields,
 * and a state must belong to the topic it came on.
 */
final class StateCheck {

    private StateCheck() {}

    /** Returns what is wrong with {@code state}, or null when the console can show it. */
    @SuppressWarnings("ConstantConditions") // Jackson fills missing fields of a record with null.
    static @Nullable String problem(VehicleState state, String fleetId, String vehicleId) {
        if (!vehicleId.equals(state.vehicleId())) {
            return "state of vehicle " + state.vehicleId() + " came on the topic of vehicle " + vehicleId;
        }
        if (!fleetId.equals(state.fleetId())) {
            return "state of fleet " + state.fleetId() + " came on a topic of fleet " + fleetId;
        }
        if (state.fixTime() == null || state.updatedTime() == null || state.status() == null) {
            return "fixTime, updatedTime and status are required";
        }
        if (!(Math.abs(state.latitudeDeg()) <= 90.0) || !(Math.abs(state.longitudeDeg()) <= 180.0)) {
            return "position " + state.latitudeDeg() + ", " + state.longitudeDeg() + " is off the globe";
        }
        if (!(state.speedKmh() >= 0.0) || !(state.headingDeg() >= 0.0 && state.headingDeg() < 360.0)) {
            return "speed " + state.speedKmh() + " km/h or heading " + state.headingDeg() + " deg is out of range";
        }
        return null;
    }
}
