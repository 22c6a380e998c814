package org.fleettracker.tracker.internal.geofence;

import java.util.Locale;

/** The origin of a stored geofence. At start the geofences file replaces the stored geofences with its ids. */
public enum GeofenceSource {
    /** The geofences file. */
    FILE,
    /** The HTTP API. */
    API;

    /** Returns the lower-case name used in the database and in JSON. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static GeofenceSource fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
