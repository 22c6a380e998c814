package org.fleettracker.console.internal.map;

import org.fleettracker.console.internal.model.GeoBounds;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.MapViewport;
import org.fleettracker.console.internal.model.ScreenPoint;
import org.fleettracker.console.internal.model.WebMercator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TileRangeTest {

    @Test
    void whole_world_at_zoom_one_needs_four_tiles() {
        MapViewport viewport = new MapViewport(512, 512);

        TileRange range = TileRange.covering(viewport, 19);

        assertThat(range.z()).isEqualTo(1);
        assertThat(range.size()).isEqualTo(4);
        assertThat(range.tileSizePx()).isCloseTo(256.0, within(1e-9));
        assertThat(range.tileXPx(0)).isCloseTo(0.0, within(1e-9));
        assertThat(range.tileYPx(1)).isCloseTo(256.0, within(1e-9));
    }

    @ParameterizedTest
    @CsvSource({"48.137, 11.575, 12", "-33.86, 151.21, 15.4", "0.0, 0.0, 3.6", "60.17, 24.94, 17"})
    void tile_under_centre_contains_centre(double latitudeDeg, double longitudeDeg, double zoom) {
        MapViewport viewport = viewportAt(latitudeDeg, longitudeDeg, zoom);

        TileRange range = TileRange.covering(viewport, 19);

        int tiles = 1 << range.z();
        int centreX = (int) Math.floor(WebMercator.x(longitudeDeg) * tiles);
        int centreY = (int) Math.floor(WebMercator.y(latitudeDeg) * tiles);
        assertThat(centreX).isBetween(range.minX(), range.maxX());
        assertThat(centreY).isBetween(range.minY(), range.maxY());
        assertThat(range.tileXPx(centreX)).isLessThanOrEqualTo(400.0);
        assertThat(range.tileXPx(centreX + 1)).isGreaterThan(400.0);
        assertThat(range.tileYPx(centreY)).isLessThanOrEqualTo(300.0);
        assertThat(range.tileYPx(centreY + 1)).isGreaterThan(300.0);
    }

    @ParameterizedTest
    @CsvSource({"12.0, 12", "12.49, 12", "12.51, 13", "18.7, 19"})
    void tile_zoom_is_nearest_level(double zoom, int expectedZ) {
        MapViewport viewport = viewportAt(48.1, 11.5, zoom);

        TileRange range = TileRange.covering(viewport, 19);

        assertThat(range.z()).isEqualTo(expectedZ);
        assertThat(range.tileSizePx()).isCloseTo(256.0 * Math.pow(2, zoom - expectedZ), within(1e-6));
    }

    @Test
    void tile_zoom_stops_at_server_maximum() {
        MapViewport viewport = viewportAt(48.1, 11.5, 19);

        TileRange range = TileRange.covering(viewport, 17);

        assertThat(range.z()).isEqualTo(17);
        assertThat(range.tileSizePx()).isCloseTo(1024.0, within(1e-6));
    }

    @Test
    void range_covers_canvas_without_spare_columns() {
        MapViewport viewport = viewportAt(48.1, 11.5, 12);

        TileRange range = TileRange.covering(viewport, 19);

        assertThat(range.tileXPx(range.minX())).isLessThanOrEqualTo(0.0);
        assertThat(range.tileXPx(range.minX() + 1)).isGreaterThan(0.0);
        assertThat(range.tileXPx(range.maxX() + 1)).isGreaterThanOrEqualTo(800.0);
        assertThat(range.tileXPx(range.maxX())).isLessThanOrEqualTo(800.0);
        assertThat(range.tileYPx(range.minY())).isLessThanOrEqualTo(0.0);
        assertThat(range.tileYPx(range.maxY() + 1)).isGreaterThanOrEqualTo(600.0);
    }

    @Test
    void range_near_world_edge_stays_inside_grid() {
        MapViewport viewport = viewportAt(84.9, -179.9, 3);

        TileRange range = TileRange.covering(viewport, 19);

        assertThat(range.minX()).isZero();
        assertThat(range.minY()).isZero();
        assertThat(range.maxX()).isLessThan(8);
        assertThat(range.maxY()).isLessThan(8);
    }

    @Test
    void parent_halves_coordinates() {
        TileId tile = new TileId(12, 2177, 1420);

        TileId parent = tile.parent();

        assertThat(parent).isEqualTo(new TileId(11, 1088, 710));
        assertThat(parent.toString()).isEqualTo("11/1088/710");
    }

    @Test
    void tile_outside_grid_is_rejected() {
        assertThatThrownBy(() -> new TileId(2, 4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TileId(2, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TileId(31, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static MapViewport viewportAt(double latitudeDeg, double longitudeDeg, double zoom) {
        MapViewport viewport = new MapViewport(800, 600);
        viewport.fit(GeoBounds.of(new GeoPoint(latitudeDeg, longitudeDeg)), 0);
        viewport.zoomAround(new ScreenPoint(400, 300), zoom - viewport.zoom());
        return viewport;
    }
}
