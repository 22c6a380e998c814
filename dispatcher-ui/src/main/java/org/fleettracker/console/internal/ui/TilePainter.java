package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.map.TileId;
import org.fleettracker.console.internal.map.TileLayer;
import org.fleettracker.console.internal.map.TileRange;
import org.fleettracker.console.internal.model.MapViewport;
import org.jspecify.annotations.Nullable;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;

/** Draws the raster tiles that cover the canvas; where one is still loading, a loaded ancestor scaled up. */
final class TilePainter {

    private final Palette.MapColours colours;

    TilePainter(Palette.MapColours colours) {
        this.colours = colours;
    }

    /** Counts of the tiles one call drew. */
    record Drawn(int tiles, int scaled) {

        static final Drawn NONE = new Drawn(0, 0);
    }

    Drawn draw(GraphicsContext gc, MapViewport viewport, TileLayer layer) {
        TileRange range = TileRange.covering(viewport, layer.maxZoom());
        int tiles = 0;
        int scaled = 0;
        for (int y = range.minY(); y <= range.maxY(); y++) {
            // Whole pixels on both edges leave no hairline gaps between neighbouring tiles.
            double top = Math.round(range.tileYPx(y));
            double height = Math.round(range.tileYPx(y + 1)) - top;
            for (int x = range.minX(); x <= range.maxX(); x++) {
                double left = Math.round(range.tileXPx(x));
                double width = Math.round(range.tileXPx(x + 1)) - left;
                TileId tile = new TileId(range.z(), x, y);
                Image image = layer.image(tile);
                if (image != null) {
                    gc.drawImage(image, left, top, width, height);
                    tiles++;
                } else if (drawAncestor(gc, layer, tile, left, top, width, height)) {
                    scaled++;
                }
            }
        }
        if (tiles + scaled > 0 && colours.tileDim().getOpacity() > 0) {
            gc.setFill(colours.tileDim());
            gc.fillRect(0, 0, viewport.widthPx(), viewport.heightPx());
        }
        return new Drawn(tiles, scaled);
    }

    private static boolean drawAncestor(
            GraphicsContext gc, TileLayer layer, TileId tile, double left, double top, double width, double height) {
        TileId ancestor = tile;
        for (int levels = 1; levels <= ConsoleConfig.TILE_PARENT_LEVELS && ancestor.z() > 0; levels++) {
            ancestor = ancestor.parent();
            @Nullable Image image = layer.cachedImage(ancestor);
            if (image == null) {
                continue;
            }
            int parts = 1 << levels;
            double partPx = image.getWidth() / parts;
            double sourceX = (tile.x() - ((long) ancestor.x() << levels)) * partPx;
            double sourceY = (tile.y() - ((long) ancestor.y() << levels)) * partPx;
            gc.drawImage(image, sourceX, sourceY, partPx, partPx, left, top, width, height);
            return true;
        }
        return false;
    }
}
