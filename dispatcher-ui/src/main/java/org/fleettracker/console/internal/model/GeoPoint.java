package org.fleettracker.console.internal.model;

/** A point on the earth in WGS 84 degrees. */
public record GeoPoint(double latitudeDeg, double longitudeDeg) {

    public GeoPoint {
        if (!(latitudeDeg >= -90.0 && latitudeDeg <= 90.0)) {
            throw new IllegalArgumentException("latitude " + latitudeDeg + " is outside [-90, 90]");
        }
        if (!(longitudeDeg >= -180.0 && longitudeDeg <= 180.0)) {
            throw new IllegalArgumentException("longitude " + longitudeDeg + " is outside [-180, 180]");
        }
    }
}
