package org.fleettracker.console.internal.map;

import org.fleettracker.console.internal.model.MapViewport;

/**
 * The tiles of one zoom level that cover the canvas, and where they go on it.
 *
 * @param z zoom level of the tiles
 * @param minX westernmost tile column, inclusive
 * @param maxX easternmost tile column, inclusive; less than {@code minX} when no tile is visible
 * @param minY northernmost tile row, inclusive
 * @param maxY southernmost tile row, inclusive; less than {@code minY} when no tile is visible
 * @param tileSizePx width and height of one tile on the canvas, which differs from 256 between zoom levels
 * @param originXPx canvas x of the western edge of the world
 * @param originYPx canvas y of the northern edge of the world
 */
public record TileRange(
        int z, int minX, int maxX, int minY, int maxY, double tileSizePx, double originXPx, double originYPx) {

    /**
     * Returns the tiles that cover the viewport, at the tile zoom nearest to the map's zoom and at most
     * {@code maxTileZoom}; a tile drawn at a fractional zoom is scaled by less than 1.42 either way.
     */
    public static TileRange covering(MapViewport viewport, int maxTileZoom) {
        int z = (int) Math.max(0, Math.min(maxTileZoom, Math.round(viewport.zoom())));
        double worldPx = viewport.worldPx();
        double tileSizePx = worldPx / (1 << z);
        double originXPx = viewport.screenX(0.0, worldPx);
        double originYPx = viewport.screenY(0.0, worldPx);
        int lastTile = (1 << z) - 1;
        int minX = Math.max(0, (int) Math.floor(-originXPx / tileSizePx));
        int maxX = Math.min(lastTile, (int) Math.floor((viewport.widthPx() - originXPx) / tileSizePx));
        int minY = Math.max(0, (int) Math.floor(-originYPx / tileSizePx));
        int maxY = Math.min(lastTile, (int) Math.floor((viewport.heightPx() - originYPx) / tileSizePx));
        return new TileRange(z, minX, maxX, minY, maxY, tileSizePx, originXPx, originYPx);
    }

    /** Returns how many tiles the range holds. */
    public int size() {
        return Math.max(0, maxX - minX + 1) * Math.max(0, maxY - minY + 1);
    }

    /** Returns the canvas x of the western edge of tile column {@code x}. */
    public double tileXPx(int x) {
        return originXPx + x * tileSizePx;
    }

    /** Returns the canvas y of the northern edge of tile row {@code y}. */
    public double tileYPx(int y) {
        return originYPx + y * tileSizePx;
    }
}
