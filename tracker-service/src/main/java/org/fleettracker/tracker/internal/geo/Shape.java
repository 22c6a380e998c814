package org.fleettracker.tracker.internal.geo;

/** The area of a geofence: a {@link Circle}, a {@link Polygon} or a {@link MultiPolygon}. Immutable and thread-safe. */
public sealed interface Shape permits Circle, Polygon, MultiPolygon {

    /**
     * Returns the distance in metres from {@code point} to the shape's border: negative inside, positive outside,
     * 0 on the border.
     */
    double signedDistanceM(GeoPoint point);

    /** Returns whether {@code point} lies inside or on the border. */
    default boolean contains(GeoPoint point) {
        return signedDistanceM(point) <= 0;
    }

    /** Returns the smallest latitude and longitude box around the shape. */
    BoundingBox boundingBox();
}
