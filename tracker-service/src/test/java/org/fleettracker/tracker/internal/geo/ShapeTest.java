package org.fleettracker.tracker.internal.geo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ShapeTest {

    /** Metres per degree of longitude at 46 degrees north. */
    private static final double METRES_PER_LONGITUDE_DEGREE = Geo.METRES_PER_DEGREE * Math.cos(Math.toRadians(46));

    /** A square from 46.00 to 46.01 N and 14.50 to 14.51 E, about 1,112 m by 772 m. */
    private static final Polygon SQUARE = new Polygon(ring(46.00, 14.50, 46.01, 14.51));

    /** The square with a hole from 46.004 to 46.006 N and 14.504 to 14.506 E. */
    private static final Polygon SQUARE_WITH_HOLE =
            new Polygon(ring(46.00, 14.50, 46.01, 14.51), List.of(ring(46.004, 14.504, 46.006, 14.506)));

    @Test
    void circle_distance_is_negative_inside() {
        Circle circle = new Circle(new GeoPoint(46, 14.5), 500);

        double distanceM = circle.signedDistanceM(new GeoPoint(46 + 100 / Geo.METRES_PER_DEGREE, 14.5));

        assertThat(distanceM).isCloseTo(-400, within(0.01));
    }

    @Test
    void circle_distance_is_positive_outside() {
        Circle circle = new Circle(new GeoPoint(46, 14.5), 500);

        double distanceM = circle.signedDistanceM(new GeoPoint(46 + 800 / Geo.METRES_PER_DEGREE, 14.5));

        assertThat(distanceM).isCloseTo(300, within(0.01));
    }

    @Test
    void circle_rejects_zero_radius() {
        assertThatThrownBy(() -> new Circle(new GeoPoint(46, 14.5), 0)).hasMessageContaining("must be above 0");
    }

    @Test
    void polygon_contains_its_centre() {
        assertThat(SQUARE.contains(new GeoPoint(46.005, 14.505))).isTrue();
    }

    @Test
    void polygon_does_not_contain_a_point_east_of_it() {
        assertThat(SQUARE.contains(new GeoPoint(46.005, 14.52))).isFalse();
    }

    @Test
    void polygon_distance_inside_is_to_the_nearest_edge() {
        GeoPoint point = new GeoPoint(46.001, 14.505);

        double distanceM = SQUARE.signedDistanceM(point);

        assertThat(distanceM).isCloseTo(-0.001 * Geo.METRES_PER_DEGREE, within(0.5));
    }

    @Test
    void polygon_distance_outside_east_is_in_metres_of_longitude() {
        GeoPoint point = new GeoPoint(46.005, 14.511);

        double distanceM = SQUARE.signedDistanceM(point);

        assertThat(distanceM).isCloseTo(0.001 * METRES_PER_LONGITUDE_DEGREE, within(0.5));
    }

    @Test
    void polygon_distance_outside_a_corner_is_diagonal() {
        GeoPoint point = new GeoPoint(46.011, 14.511);

        double distanceM = SQUARE.signedDistanceM(point);

        double north = 0.001 * Geo.METRES_PER_DEGREE;
        double east = 0.001 * Math.cos(Math.toRadians(46.011)) * Geo.METRES_PER_DEGREE;
        assertThat(distanceM).isCloseTo(Math.hypot(north, east), within(0.5));
    }

    @Test
    void polygon_distance_agrees_with_haversine_to_a_vertex() {
        GeoPoint point = new GeoPoint(46.0101, 14.5101);

        double distanceM = SQUARE.signedDistanceM(point);

        assertThat(distanceM).isCloseTo(Geo.distanceM(point, new GeoPoint(46.01, 14.51)), within(0.05));
    }

    @Test
    void point_in_hole_is_outside() {
        GeoPoint point = new GeoPoint(46.005, 14.505);

        double distanceM = SQUARE_WITH_HOLE.signedDistanceM(point);

        assertThat(SQUARE_WITH_HOLE.contains(point)).isFalse();
        assertThat(distanceM).isCloseTo(0.001 * METRES_PER_LONGITUDE_DEGREE, within(0.5));
    }

    @Test
    void point_beside_hole_is_inside_with_distance_to_the_hole() {
        GeoPoint point = new GeoPoint(46.0035, 14.505);

        double distanceM = SQUARE_WITH_HOLE.signedDistanceM(point);

        assertThat(distanceM).isCloseTo(-0.0005 * Geo.METRES_PER_DEGREE, within(0.5));
    }

    @Test
    void concave_polygon_excludes_its_notch() {
        Polygon shapeL = new Polygon(List.of(
                new GeoPoint(46.00, 14.50),
                new GeoPoint(46.00, 14.52),
                new GeoPoint(46.01, 14.52),
                new GeoPoint(46.01, 14.51),
                new GeoPoint(46.02, 14.51),
                new GeoPoint(46.02, 14.50),
                new GeoPoint(46.00, 14.50)));

        assertThat(shapeL.contains(new GeoPoint(46.015, 14.505))).isTrue();
        assertThat(shapeL.contains(new GeoPoint(46.015, 14.515))).isFalse();
    }

    @Test
    void multi_polygon_is_inside_either_part() {
        MultiPolygon both = new MultiPolygon(List.of(SQUARE, new Polygon(ring(46.05, 14.50, 46.06, 14.51))));

        assertThat(both.contains(new GeoPoint(46.005, 14.505))).isTrue();
        assertThat(both.contains(new GeoPoint(46.055, 14.505))).isTrue();
        assertThat(both.contains(new GeoPoint(46.03, 14.505))).isFalse();
    }

    @Test
    void polygon_rejects_an_open_ring() {
        List<GeoPoint> open = List.of(
                new GeoPoint(46.0, 14.5), new GeoPoint(46.0, 14.6), new GeoPoint(46.1, 14.6), new GeoPoint(46.1, 14.5));

        assertThatThrownBy(() -> new Polygon(open)).hasMessageContaining("not closed");
    }

    @Test
    void polygon_rejects_a_ring_of_three_positions() {
        List<GeoPoint> tooShort = List.of(new GeoPoint(46.0, 14.5), new GeoPoint(46.0, 14.6), new GeoPoint(46.0, 14.5));

        assertThatThrownBy(() -> new Polygon(tooShort)).hasMessageContaining("at least 4");
    }

    @Test
    void point_rejects_latitude_out_of_range() {
        assertThatThrownBy(() -> new GeoPoint(91, 0)).hasMessageContaining("latitude 91.0 is out of range");
    }

    @Test
    void grown_box_contains_points_within_the_margin() {
        BoundingBox box = SQUARE.boundingBox().expandedBy(100);

        assertThat(box.contains(46.01 + 90 / Geo.METRES_PER_DEGREE, 14.505)).isTrue();
        assertThat(box.contains(46.01 + 110 / Geo.METRES_PER_DEGREE, 14.505)).isFalse();
    }

    private static List<GeoPoint> ring(double south, double west, double north, double east) {
        return List.of(
                new GeoPoint(south, west),
                new GeoPoint(south, east),
                new GeoPoint(north, east),
                new GeoPoint(north, west),
                new GeoPoint(south, west));
    }
}
