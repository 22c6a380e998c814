package org.fleettracker.console.internal.ui;

/**
 * What one map drawing put on the canvas.
 *
 * @param vehicles vehicles inside the visible area, drawn on their own or inside a cluster
 * @param clusters clusters of two or more vehicles
 * @param tiles raster tiles drawn at their own zoom level
 * @param scaledTiles places where a lower zoom level's tile was drawn scaled up while the tile loads
 * @param gridLines latitude and longitude lines of the background grid
 */
record FrameStats(int vehicles, int clusters, int tiles, int scaledTiles, int gridLines) {

    static final FrameStats NONE = new FrameStats(0, 0, 0, 0, 0);
}
