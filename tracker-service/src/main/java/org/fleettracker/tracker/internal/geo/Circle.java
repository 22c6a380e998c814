package org.fleettracker.tracker.internal.geo;

import java.util.List;
import java.util.Objects;

/**
 * A circle on the sphere.
 *
 * @param radiusM great-circle radius, above 0 and at most {@value #MAX_RADIUS_M}
 */
public record Circle(GeoPoint centre, double radiusM) implements Shape {

    /** Largest radius, in metres: a quarter of the Earth's circumference, beyond which a circle is no area. */
    public static final double MAX_RADIUS_M = 10_000_000;

    public Circle {
        Objects.requireNonNull(centre, "centre");
        if (!(radiusM > 0) || radiusM > MAX_RADIUS_M) {
            throw new IllegalArgumentException(
                    "radius " + radiusM + " m must be above 0 and at most " + (long) MAX_RADIUS_M + " m");
        }
    }

    @Override
    public double signedDistanceM(GeoPoint point) {
        return Geo.distanceM(centre, point) - radiusM;
    }

    @Override
    public BoundingBox boundingBox() {
        return BoundingBox.of(List.of(centre)).expandedBy(radiusM);
    }
}
