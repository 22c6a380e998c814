package org.fleettracker.tracker.internal.geofence;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether a vehicle is inside a geofence.
 *
 * @param since fix time of the fix that entered or left
 * @param dwellRaised whether the dwell event of the current visit was raised; false while outside
 */
public record GeofencePresence(
        String vehicleId, String geofenceId, boolean inside, Instant since, boolean dwellRaised) {

    public GeofencePresence {
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(geofenceId, "geofenceId");
        Objects.requireNonNull(since, "since");
    }

    GeofencePresence withDwellRaised() {
        return new GeofencePresence(vehicleId, geofenceId, inside, since, true);
    }
}
