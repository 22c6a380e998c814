package org.fleettracker.tracker.internal.geofence;

/** A GeoJSON geofence that breaks a rule; the message names the field at fault, such as {@code properties.id}. */
public final class InvalidGeofenceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidGeofenceException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** Returns the JSON path of the field at fault, such as {@code geometry.coordinates[0][2]}. */
    public String field() {
        return field;
    }
}
