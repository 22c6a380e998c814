package org.fleettracker.console.internal.model;

/**
 * Spherical Web Mercator (EPSG:3857) in normalised coordinates: x and y run from 0 to 1 across the world, x
 * eastwards from longitude -180, y southwards from latitude {@link #MAX_LATITUDE_DEG}.
 */
public final class WebMercator {

    /** Latitude at which the projected world becomes a square; points further north or south are clamped. */
    public static final double MAX_LATITUDE_DEG = 85.05112878;

    /** Equatorial radius of WGS 84, in metres. */
    public static final double EARTH_RADIUS_M = 6_378_137.0;

    private WebMercator() {}

    public static double x(double longitudeDeg) {
        return (longitudeDeg + 180.0) / 360.0;
    }

    public static double y(double latitudeDeg) {
        double clampedRad = Math.toRadians(Math.max(-MAX_LATITUDE_DEG, Math.min(MAX_LATITUDE_DEG, latitudeDeg)));
        return (1.0 - Math.log(Math.tan(Math.PI / 4 + clampedRad / 2)) / Math.PI) / 2.0;
    }

    public static double longitudeDeg(double x) {
        return x * 360.0 - 180.0;
    }

    public static double latitudeDeg(double y) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1.0 - 2.0 * y))));
    }

    /** Returns the ground distance that one pixel covers at {@code latitudeDeg} for a world {@code worldPx} wide. */
    public static double metresPerPixel(double latitudeDeg, double worldPx) {
        return Math.cos(Math.toRadians(latitudeDeg)) * 2 * Math.PI * EARTH_RADIUS_M / worldPx;
    }
}
