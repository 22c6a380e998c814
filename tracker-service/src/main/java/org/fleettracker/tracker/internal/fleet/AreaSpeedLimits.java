package org.fleettracker.tracker.internal.fleet;

import java.util.OptionalDouble;

/** Speed limits that depend on where a vehicle is, such as those of geofences. Thread-safe. */
@FunctionalInterface
public interface AreaSpeedLimits {

    /** Limits that apply nowhere. */
    AreaSpeedLimits NONE = (fleetId, latitudeDeg, longitudeDeg) -> OptionalDouble.empty();

    /** Returns the lowest speed limit in km/h of the fleet's areas that contain the point, or empty when none. */
    OptionalDouble limitKmhAt(String fleetId, double latitudeDeg, double longitudeDeg);
}
