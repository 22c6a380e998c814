package org.fleettracker.console.internal.map;

/**
 * One tile of the XYZ scheme that OpenStreetMap and most raster tile servers use: at zoom level {@code z} the
 * world is a grid of 2^z by 2^z tiles, {@code x} counting eastwards from longitude -180 and {@code y} southwards
 * from the northern edge of Web Mercator.
 */
public record TileId(int z, int x, int y) {

    /** Deepest zoom level this class accepts; 2^30 tiles per row still fit in an {@code int}. */
    public static final int MAX_Z = 30;

    public TileId {
        if (z < 0 || z > MAX_Z) {
            throw new IllegalArgumentException("tile zoom " + z + " is outside [0, " + MAX_Z + "]");
        }
        int tilesPerRow = 1 << z;
        if (x < 0 || x >= tilesPerRow || y < 0 || y >= tilesPerRow) {
            throw new IllegalArgumentException("tile " + x + "/" + y + " is outside the " + tilesPerRow + " x "
                    + tilesPerRow + " grid of zoom " + z);
        }
    }

    /** Returns the tile one level up that contains this one; zoom 0 has none. */
    public TileId parent() {
        if (z == 0) {
            throw new IllegalStateException("tile 0/0/0 covers the whole world and has no parent");
        }
        return new TileId(z - 1, x >> 1, y >> 1);
    }

    /** Returns the {@code z/x/y} form used in URLs, cache paths and log messages. */
    @Override
    public String toString() {
        return z + "/" + x + "/" + y;
    }
}
