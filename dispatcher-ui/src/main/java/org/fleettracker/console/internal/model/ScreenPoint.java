package org.fleettracker.console.internal.model;

/** A point on the map canvas in pixels; x grows to the right, y grows downwards. */
public record ScreenPoint(double xPx, double yPx) {

    public double distancePx(ScreenPoint other) {
        return Math.hypot(xPx - other.xPx, yPx - other.yPx);
    }
}
