package org.fleettracker.console.internal.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MapViewportTest {

    private static final double TOLERANCE_DEG = 1e-9;

    @ParameterizedTest
    @CsvSource({"0, 0, 3", "48.137, 11.575, 12", "-33.86, 151.21, 15.5", "84.9, -179.9, 2", "-84.9, 179.9, 18"})
    void screen_to_geo_round_trip_returns_same_point(double latitudeDeg, double longitudeDeg, double zoom) {
        MapViewport viewport = new MapViewport(800, 600);
        viewport.fit(GeoBounds.of(new GeoPoint(latitudeDeg, longitudeDeg)), 0);
        viewport.zoomAround(new ScreenPoint(400, 300), zoom - viewport.zoom());
        GeoPoint point = new GeoPoint(latitudeDeg, longitudeDeg);

        GeoPoint back = viewport.toGeo(viewport.toScreen(point));

        assertThat(back.latitudeDeg()).isCloseTo(latitudeDeg, within(TOLERANCE_DEG));
        assertThat(back.longitudeDeg()).isCloseTo(longitudeDeg, within(TOLERANCE_DEG));
    }

    @ParameterizedTest
    @CsvSource({"0", "45", "-60", "85"})
    void mercator_round_trip_returns_same_latitude(double latitudeDeg) {
        double back = WebMercator.latitudeDeg(WebMercator.y(latitudeDeg));

        assertThat(back).isCloseTo(latitudeDeg, within(TOLERANCE_DEG));
    }

    @Test
    void north_is_up_and_east_is_right() {
        MapViewport viewport = new MapViewport(800, 600);
        viewport.fit(new GeoBounds(48.0, 48.2, 11.0, 11.4), 40);

        ScreenPoint northEast = viewport.toScreen(new GeoPoint(48.2, 11.4));
        ScreenPoint southWest = viewport.toScreen(new GeoPoint(48.0, 11.0));

        assertThat(northEast.xPx()).isGreaterThan(southWest.xPx());
        assertThat(northEast.yPx()).isLessThan(southWest.yPx());
    }

    @Test
    void fit_puts_every_point_inside_margin() {
        List<GeoPoint> points =
                List.of(new GeoPoint(48.10, 11.50), new GeoPoint(48.20, 11.70), new GeoPoint(48.15, 11.40));
        MapViewport viewport = new MapViewport(800, 600);

        viewport.fit(GeoBounds.around(points).orElseThrow(), 40);

        for (GeoPoint point : points) {
            ScreenPoint onScreen = viewport.toScreen(point);
            assertThat(onScreen.xPx()).isBetween(39.9, 760.1);
            assertThat(onScreen.yPx()).isBetween(39.9, 560.1);
        }
    }

    @Test
    void fit_uses_the_whole_width_or_height() {
        GeoBounds bounds = new GeoBounds(48.10, 48.20, 11.40, 11.70);
        MapViewport viewport = new MapViewport(800, 600);

        viewport.fit(bounds, 40);

        double spanXPx = viewport.toScreen(new GeoPoint(48.1, 11.7)).xPx()
                - viewport.toScreen(new GeoPoint(48.1, 11.4)).xPx();
        double spanYPx = viewport.toScreen(new GeoPoint(48.1, 11.4)).yPx()
                - viewport.toScreen(new GeoPoint(48.2, 11.4)).yPx();
        assertThat(Math.max(spanXPx / 720, spanYPx / 520)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void zoom_around_keeps_anchor_in_place() {
        MapViewport viewport = new MapViewport(800, 600);
        viewport.fit(new GeoBounds(48.0, 48.2, 11.0, 11.4), 40);
        ScreenPoint anchor = new ScreenPoint(123, 456);
        GeoPoint underAnchor = viewport.toGeo(anchor);

        viewport.zoomAround(anchor, 1.5);

        ScreenPoint after = viewport.toScreen(underAnchor);
        assertThat(after.xPx()).isCloseTo(123, within(1e-6));
        assertThat(after.yPx()).isCloseTo(456, within(1e-6));
    }

    @Test
    void pan_moves_content_with_the_drag() {
        MapViewport viewport = new MapViewport(800, 600);
        viewport.fit(new GeoBounds(48.0, 48.2, 11.0, 11.4), 40);
        GeoPoint point = new GeoPoint(48.1, 11.2);
        ScreenPoint before = viewport.toScreen(point);

        viewport.panByPx(30, -20);

        ScreenPoint after = viewport.toScreen(point);
        assertThat(after.xPx() - before.xPx()).isCloseTo(30, within(1e-6));
        assertThat(after.yPx() - before.yPx()).isCloseTo(-20, within(1e-6));
    }

    @Test
    void single_position_fits_at_street_zoom() {
        MapViewport viewport = new MapViewport(800, 600);

        viewport.fit(GeoBounds.of(new GeoPoint(48.1, 11.5)), 40);

        assertThat(viewport.zoom()).isEqualTo(14.0);
        assertThat(viewport.center().latitudeDeg()).isCloseTo(48.1, within(TOLERANCE_DEG));
    }

    @Test
    void equator_scale_at_zoom_zero() {
        double metresPerPx = WebMercator.metresPerPixel(0.0, 256);

        assertThat(metresPerPx).isCloseTo(156_543.03, within(0.01));
    }
}
