package org.fleettracker.tracker.internal.geo;

/**
 * A WGS 84 position.
 *
 * @param latitudeDeg latitude from -90 to 90
 * @param longitudeDeg longitude from -180 to 180
 */
public record GeoPoint(double latitudeDeg, double longitudeDeg) {

    public GeoPoint {
        if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) {
            throw new IllegalArgumentException("latitude " + latitudeDeg + " is out of range [-90, 90]");
        }
        if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) {
            throw new IllegalArgumentException("longitude " + longitudeDeg + " is out of range [-180, 180]");
        }
    }
}
