package org.fleettracker.console.internal.model;

import java.util.Optional;

/** The smallest latitude and longitude box that contains a set of points; it never crosses the antimeridian. */
public record GeoBounds(double minLatitudeDeg, double maxLatitudeDeg, double minLongitudeDeg, double maxLongitudeDeg) {

    public GeoBounds {
        if (minLatitudeDeg > maxLatitudeDeg || minLongitudeDeg > maxLongitudeDeg) {
            throw new IllegalArgumentException("bounds are inverted: latitude [" + minLatitudeDeg + ", "
                    + maxLatitudeDeg + "], longitude [" + minLongitudeDeg + ", " + maxLongitudeDeg + "]");
        }
    }

    /** Returns the box around {@code points}, or empty when there are none. */
    public static Optional<GeoBounds> around(Iterable<GeoPoint> points) {
        GeoBounds bounds = null;
        for (GeoPoint point : points) {
            bounds = bounds == null ? of(point) : bounds.including(point);
        }
        return Optional.ofNullable(bounds);
    }

    public static GeoBounds of(GeoPoint point) {
        return new GeoBounds(point.latitudeDeg(), point.latitudeDeg(), point.longitudeDeg(), point.longitudeDeg());
    }

    public GeoBounds including(GeoPoint point) {
        return new GeoBounds(
                Math.min(minLatitudeDeg, point.latitudeDeg()),
                Math.max(maxLatitudeDeg, point.latitudeDeg()),
                Math.min(minLongitudeDeg, point.longitudeDeg()),
                Math.max(maxLongitudeDeg, point.longitudeDeg()));
    }

    public GeoPoint center() {
        return new GeoPoint((minLatitudeDeg + maxLatitudeDeg) / 2, (minLongitudeDeg + maxLongitudeDeg) / 2);
    }
}
