package org.fleettracker.tracker.internal.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * A polygon with optional holes, as in GeoJSON: each ring is closed (its last position equals its first) and has at
 * least 4 positions. Edges are straight lines in longitude and latitude, and the local equirectangular projection
 * around the tested point keeps them straight while it turns degrees into metres.
 *
 * @param outer the outer border
 * @param holes areas cut out of the polygon; a point in a hole is outside
 */
public record Polygon(List<GeoPoint> outer, List<List<GeoPoint>> holes) implements Shape {

    /** Minimum positions of a closed ring: a triangle plus the repeated first position. */
    public static final int MIN_RING_POSITIONS = 4;

    public Polygon {
        outer = requireRing("outer ring", outer);
        List<List<GeoPoint>> copies = new ArrayList<>();
        for (int i = 0; i < holes.size(); i++) {
            copies.add(requireRing("hole " + i, holes.get(i)));
        }
        holes = List.copyOf(copies);
    }

    /** Creates a polygon without holes. */
    public Polygon(List<GeoPoint> outer) {
        this(outer, List.of());
    }

    @Override
    public double signedDistanceM(GeoPoint point) {
        LocalProjection projection = new LocalProjection(point);
        double distanceM = distanceToRingM(projection, outer);
        boolean inside = crossesOddTimes(projection, outer);
        for (List<GeoPoint> hole : holes) {
            distanceM = Math.min(distanceM, distanceToRingM(projection, hole));
            if (inside && crossesOddTimes(projection, hole)) {
                inside = false;
            }
        }
        return inside ? -distanceM : distanceM;
    }

    @Override
    public BoundingBox boundingBox() {
        return BoundingBox.of(outer);
    }

    private static List<GeoPoint> requireRing(String name, List<GeoPoint> ring) {
        // TODO: reject self-intersecting and zero-area rings; they are accepted and give odd inside tests.
        if (ring.size() < MIN_RING_POSITIONS) {
            throw new IllegalArgumentException(name + " has " + ring.size() + " positions but needs at least "
                    + MIN_RING_POSITIONS + " (a closed ring repeats its first position at the end)");
        }
        if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
            throw new IllegalArgumentException(name + " is not closed: its last position must equal its first");
        }
        return List.copyOf(ring);
    }

    /** Returns the distance in metres from the projection's origin to the nearest edge of the ring. */
    private static double distanceToRingM(LocalProjection projection, List<GeoPoint> ring) {
        double nearestSquared = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < ring.size(); i++) {
            double x1 = projection.x(ring.get(i));
            double y1 = projection.y(ring.get(i));
            double dx = projection.x(ring.get(i + 1)) - x1;
            double dy = projection.y(ring.get(i + 1)) - y1;
            double lengthSquared = dx * dx + dy * dy;
            double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / lengthSquared));
            double nearestX = x1 + t * dx;
            double nearestY = y1 + t * dy;
            nearestSquared = Math.min(nearestSquared, nearestX * nearestX + nearestY * nearestY);
        }
        return Math.sqrt(nearestSquared);
    }

    /** Returns whether a ray from the projection's origin towards east crosses the ring an odd number of times. */
    private static boolean crossesOddTimes(LocalProjection projection, List<GeoPoint> ring) {
        boolean odd = false;
        for (int i = 0; i + 1 < ring.size(); i++) {
            double x1 = projection.x(ring.get(i));
            double y1 = projection.y(ring.get(i));
            double x2 = projection.x(ring.get(i + 1));
            double y2 = projection.y(ring.get(i + 1));
            if ((y1 > 0) != (y2 > 0)) {
                double crossingX = x1 + (0 - y1) * (x2 - x1) / (y2 - y1);
                if (crossingX > 0) {
                    odd = !odd;
                }
            }
        }
        return odd;
    }
}
