package org.fleettracker.tracker.internal.geo;

import java.util.ArrayList;
import java.util.List;

/** Several polygons that together form one area, as a GeoJSON MultiPolygon; the parts should not overlap. */
public record MultiPolygon(List<Polygon> parts) implements Shape {

    public MultiPolygon {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a multi-polygon needs at least one polygon");
        }
        parts = List.copyOf(parts);
    }

    /**
     * Returns the smallest signed distance over the parts: inside one part this is the (negative) distance to that
     * part's border, outside all of them the distance to the nearest border.
     */
    @Override
    public double signedDistanceM(GeoPoint point) {
        double nearest = Double.POSITIVE_INFINITY;
        for (Polygon part : parts) {
            nearest = Math.min(nearest, part.signedDistanceM(point));
        }
        return nearest;
    }

    @Override
    public BoundingBox boundingBox() {
        List<GeoPoint> corners = new ArrayList<>();
        for (Polygon part : parts) {
            BoundingBox box = part.boundingBox();
            corners.add(new GeoPoint(box.minLatitudeDeg(), box.minLongitudeDeg()));
            corners.add(new GeoPoint(box.maxLatitudeDeg(), box.maxLongitudeDeg()));
        }
        return BoundingBox.of(corners);
    }
}
