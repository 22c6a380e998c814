package org.fleettracker.tracker.internal.geo;

import java.util.Collection;

/** A latitude and longitude range in degrees, used to skip shapes far from a point cheaply. */
public record BoundingBox(
        double minLatitudeDeg, double minLongitudeDeg, double maxLatitudeDeg, double maxLongitudeDeg) {

    /** Returns the smallest box that contains every point. */
    public static BoundingBox of(Collection<GeoPoint> points) {
        double minLatitude = Double.POSITIVE_INFINITY;
        double minLongitude = Double.POSITIVE_INFINITY;
        double maxLatitude = Double.NEGATIVE_INFINITY;
        double maxLongitude = Double.NEGATIVE_INFINITY;
        for (GeoPoint point : points) {
            minLatitude = Math.min(minLatitude, point.latitudeDeg());
            minLongitude = Math.min(minLongitude, point.longitudeDeg());
            maxLatitude = Math.max(maxLatitude, point.latitudeDeg());
            maxLongitude = Math.max(maxLongitude, point.longitudeDeg());
        }
        return new BoundingBox(minLatitude, minLongitude, maxLatitude, maxLongitude);
    }

    /**
     * Returns the box grown by at least {@code marginM} metres on every side. Near the poles the longitude range
     * becomes the whole circle.
     */
    public BoundingBox expandedBy(double marginM) {
        double latitudeMarginDeg = marginM / Geo.METRES_PER_DEGREE;
        double minLatitude = Math.max(-90, minLatitudeDeg - latitudeMarginDeg);
        double maxLatitude = Math.min(90, maxLatitudeDeg + latitudeMarginDeg);
        double widestLatitude = Math.max(Math.abs(minLatitude), Math.abs(maxLatitude));
        double cosine = Math.cos(Math.toRadians(widestLatitude));
        if (cosine < 1e-6) {
            return new BoundingBox(minLatitude, -180, maxLatitude, 180);
        }
        double longitudeMarginDeg = marginM / (Geo.METRES_PER_DEGREE * cosine);
        // TODO: a box grown across the antimeridian is clamped, so a vehicle just across it is skipped.
        return new BoundingBox(
                minLatitude,
                Math.max(-180, minLongitudeDeg - longitudeMarginDeg),
                maxLatitude,
                Math.min(180, maxLongitudeDeg + longitudeMarginDeg));
    }

    public boolean contains(double latitudeDeg, double longitudeDeg) {
        return latitudeDeg >= minLatitudeDeg
                && latitudeDeg <= maxLatitudeDeg
                && longitudeDeg >= minLongitudeDeg
                && longitudeDeg <= maxLongitudeDeg;
    }
}
