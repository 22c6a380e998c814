package org.fleettracker.tracker.internal.geofence;

import java.util.OptionalDouble;

/** Speed limits that geofences set, for the overspeed rule. Implementations are thread-safe. */
public interface GeofenceSpeedLimits {

    /**
     * Returns the lowest speed limit in km/h of the fleet's geofences that contain the point (border included), or
     * empty when none of them does or none sets a limit.
     */
    OptionalDouble speedLimitKmhAt(String fleetId, double latitudeDeg, double longitudeDeg);
}
