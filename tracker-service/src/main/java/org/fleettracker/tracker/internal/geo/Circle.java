package org.fleettracker.tracker.internal.geo;

import java.util.List;
import java.util.Objects;

/**
 * A circle on the sphere.
 *
 * @param radiusM great-circle radius, above 0
 */
public record Circle(GeoPoint centre, double radiusM) implements Shape {

    public Circle {
        Objects.requireNonNull(centre, "centre");
        if (!(radiusM > 0) || Double.isInfinite(radiusM)) {
            throw new IllegalArgumentException("radius " + radiusM + " m must be above 0");
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
