package org.fleettracker.tracker.internal.geofence;

import java.time.Instant;
import java.util.Objects;

/**
 * A geofence as stored, with where it came from and when it was last written.
 *
 * @param updatedTime when the file load or the API request last wrote it, in UTC
 */
public record StoredGeofence(Geofence geofence, GeofenceSource source, Instant updatedTime) {

    public StoredGeofence {
        Objects.requireNonNull(geofence, "geofence");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(updatedTime, "updatedTime");
    }
}
