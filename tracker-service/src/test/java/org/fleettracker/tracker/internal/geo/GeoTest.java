package org.fleettracker.tracker.internal.geo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeoTest {

    @Test
    void one_degree_of_latitude_is_about_111_2_km() {
        double distanceM = Geo.distanceM(new GeoPoint(46.0, 14.5), new GeoPoint(47.0, 14.5));

        assertThat(distanceM).isCloseTo(111_195, within(1.0));
    }

    @Test
    void one_degree_of_longitude_on_the_equator_is_about_111_2_km() {
        double distanceM = Geo.distanceM(new GeoPoint(0, 10), new GeoPoint(0, 11));

        assertThat(distanceM).isCloseTo(111_195, within(1.0));
    }

    @Test
    void one_degree_of_longitude_at_60_north_is_half_as_long() {
        double distanceM = Geo.distanceM(new GeoPoint(60, 10), new GeoPoint(60, 11));

        assertThat(distanceM).isCloseTo(55_597, within(5.0));
    }

    @Test
    void london_to_paris_is_about_343_km() {
        double distanceM = Geo.distanceM(new GeoPoint(51.5074, -0.1278), new GeoPoint(48.8566, 2.3522));

        assertThat(distanceM).isCloseTo(343_500, within(1_000.0));
    }

    @Test
    void antipodes_are_half_the_circumference_apart() {
        double distanceM = Geo.distanceM(new GeoPoint(0, 0), new GeoPoint(0, 180));

        assertThat(distanceM).isCloseTo(Math.PI * Geo.EARTH_RADIUS_M, within(0.01));
    }

    @Test
    void distance_across_the_antimeridian_is_short() {
        double distanceM = Geo.distanceM(new GeoPoint(0, 179.999), new GeoPoint(0, -179.999));

        assertThat(distanceM).isCloseTo(222.4, within(0.1));
    }
}
