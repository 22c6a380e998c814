package org.fleettracker.console.internal.model;

import org.fleettracker.console.internal.ConsoleConfig;

/**
 * What part of the Web Mercator world the map shows: a centre, a zoom level and the canvas size.
 *
 * <p>At zoom level z the world is 256 * 2^z pixels wide. Not thread safe: used on the FX thread only.
 */
public final class MapViewport {

    private static final double TILE_PX = 256.0;

    private double centerX = WebMercator.x(0.0);
    private double centerY = WebMercator.y(0.0);
    private double zoom = ConsoleConfig.MIN_ZOOM;
    private double widthPx;
    private double heightPx;

    public MapViewport(double widthPx, double heightPx) {
        resize(widthPx, heightPx);
    }

    public void resize(double newWidthPx, double newHeightPx) {
        this.widthPx = Math.max(1.0, newWidthPx);
        this.heightPx = Math.max(1.0, newHeightPx);
    }

    public double widthPx() {
        return widthPx;
    }

    public double heightPx() {
        return heightPx;
    }

    public double zoom() {
        return zoom;
    }

    public GeoPoint center() {
        return new GeoPoint(WebMercator.latitudeDeg(centerY), WebMercator.longitudeDeg(centerX));
    }

    /** Returns the normalised Web Mercator x of the centre, from 0 at longitude -180 to 1 at 180. */
    public double centerMercatorX() {
        return centerX;
    }

    /** Returns the normalised Web Mercator y of the centre, from 0 in the far north to 1 in the far south. */
    public double centerMercatorY() {
        return centerY;
    }

    /** Returns the canvas x of a normalised Web Mercator x; unlike {@link #toScreen} it allocates nothing. */
    public double screenX(double mercatorX, double worldPx) {
        return (mercatorX - centerX) * worldPx + widthPx / 2;
    }

    /**
     * Returns the canvas y of a normalised Web Mercator y; unlike {@link #toScreen} it allocates nothing.
     *
     * @param worldPx {@link #worldPx()}, passed in so a loop over many points computes it once
     */
    public double screenY(double mercatorY, double worldPx) {
        return (mercatorY - centerY) * worldPx + heightPx / 2;
    }

    /** Returns the width of the whole world at the current zoom, in pixels. */
    public double worldPx() {
        return TILE_PX * Math.pow(2.0, zoom);
    }

    public ScreenPoint toScreen(GeoPoint point) {
        double worldPx = worldPx();
        double xPx = (WebMercator.x(point.longitudeDeg()) - centerX) * worldPx + widthPx / 2;
        double yPx = (WebMercator.y(point.latitudeDeg()) - centerY) * worldPx + heightPx / 2;
        return new ScreenPoint(xPx, yPx);
    }

    public GeoPoint toGeo(ScreenPoint point) {
        double worldPx = worldPx();
        double x = clamp(centerX + (point.xPx() - widthPx / 2) / worldPx, 0.0, 1.0);
        double y = clamp(centerY + (point.yPx() - heightPx / 2) / worldPx, 0.0, 1.0);
        return new GeoPoint(WebMercator.latitudeDeg(y), WebMercator.longitudeDeg(x));
    }

    /** Centres {@code bounds} and picks the highest zoom that shows all of it inside the margin. */
    public void fit(GeoBounds bounds, double marginPx) {
        double west = WebMercator.x(bounds.minLongitudeDeg());
        double east = WebMercator.x(bounds.maxLongitudeDeg());
        double north = WebMercator.y(bounds.maxLatitudeDeg());
        double south = WebMercator.y(bounds.minLatitudeDeg());
        centerX = (west + east) / 2;
        centerY = (north + south) / 2;
        double spanX = east - west;
        double spanY = south - north;
        if (spanX <= 0 && spanY <= 0) {
            zoom = ConsoleConfig.SINGLE_POSITION_ZOOM;
            return;
        }
        double usableWidthPx = Math.max(1.0, widthPx - 2 * marginPx);
        double usableHeightPx = Math.max(1.0, heightPx - 2 * marginPx);
        double scaleX = spanX > 0 ? usableWidthPx / (spanX * TILE_PX) : Double.MAX_VALUE;
        double scaleY = spanY > 0 ? usableHeightPx / (spanY * TILE_PX) : Double.MAX_VALUE;
        setZoom(Math.log(Math.min(scaleX, scaleY)) / Math.log(2.0));
    }

    /** Moves the centre to {@code point} and keeps the zoom. */
    public void centerOn(GeoPoint point) {
        centerX = WebMercator.x(point.longitudeDeg());
        centerY = WebMercator.y(point.latitudeDeg());
    }

    /** Sets the zoom level, clamped to the console's range, and keeps the centre. */
    public void zoomTo(double newZoom) {
        setZoom(newZoom);
    }

    /** Moves the map content by the given pixels, as a drag does. */
    public void panByPx(double deltaXPx, double deltaYPx) {
        double worldPx = worldPx();
        centerX = clamp(centerX - deltaXPx / worldPx, 0.0, 1.0);
        centerY = clamp(centerY - deltaYPx / worldPx, 0.0, 1.0);
    }

    /** Changes the zoom by {@code deltaZoom} levels while the point under {@code anchor} stays where it is. */
    public void zoomAround(ScreenPoint anchor, double deltaZoom) {
        double worldPx = worldPx();
        double anchorX = centerX + (anchor.xPx() - widthPx / 2) / worldPx;
        double anchorY = centerY + (anchor.yPx() - heightPx / 2) / worldPx;
        setZoom(zoom + deltaZoom);
        double newWorldPx = worldPx();
        centerX = clamp(anchorX - (anchor.xPx() - widthPx / 2) / newWorldPx, 0.0, 1.0);
        centerY = clamp(anchorY - (anchor.yPx() - heightPx / 2) / newWorldPx, 0.0, 1.0);
    }

    /** Returns the ground distance one pixel covers at the centre of the map, in metres. */
    public double metresPerPixel() {
        return WebMercator.metresPerPixel(center().latitudeDeg(), worldPx());
    }

    private void setZoom(double newZoom) {
        zoom = clamp(newZoom, ConsoleConfig.MIN_ZOOM, ConsoleConfig.MAX_ZOOM);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
