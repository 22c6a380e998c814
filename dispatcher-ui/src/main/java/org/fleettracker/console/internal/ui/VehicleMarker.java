package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.VehicleStatus;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * One vehicle marker: a disc in its status colour with a pointer towards its heading (0 deg points up, angles
 * grow clockwise). A stale vehicle is grey with diagonal hatching, whatever its status.
 */
final class VehicleMarker {

    private VehicleMarker() {}

    /** Draws the marker centred on canvas point ({@code xPx}, {@code yPx}); allocates nothing. */
    static void draw(
            GraphicsContext gc,
            double xPx,
            double yPx,
            double radius,
            double headingDeg,
            VehicleStatus status,
            boolean stale,
            Palette.MapColours colours) {
        Color fill = stale ? colours.staleFill() : Palette.status(status);
        if (status == VehicleStatus.MOVING) {
            drawPointer(gc, xPx, yPx, radius, headingDeg, stale ? colours.staleHatch() : Palette.pointer(status));
        }
        gc.setFill(fill);
        gc.fillOval(xPx - radius, yPx - radius, 2 * radius, 2 * radius);
        if (stale) {
            drawHatching(gc, xPx, yPx, radius, colours.staleHatch());
        }
        gc.setStroke(stale ? colours.staleHatch() : colours.markerOutline());
        gc.setLineWidth(1.5);
        gc.strokeOval(xPx - radius, yPx - radius, 2 * radius, 2 * radius);
    }

    private static void drawPointer(
            GraphicsContext gc, double xPx, double yPx, double radius, double headingDeg, Color fill) {
        double headingRad = Math.toRadians(headingDeg);
        double sin = Math.sin(headingRad);
        double cos = Math.cos(headingRad);
        double tipDistance = radius * 2.2;
        double baseHalfWidth = radius * 0.8;
        gc.setFill(fill);
        gc.beginPath();
        gc.moveTo(xPx + sin * tipDistance, yPx - cos * tipDistance);
        gc.lineTo(xPx + cos * baseHalfWidth, yPx + sin * baseHalfWidth);
        gc.lineTo(xPx - cos * baseHalfWidth, yPx - sin * baseHalfWidth);
        gc.closePath();
        gc.fill();
    }

    private static void drawHatching(GraphicsContext gc, double xPx, double yPx, double radius, Color hatch) {
        gc.save();
        gc.beginPath();
        gc.arc(xPx, yPx, radius, radius, 0, 360);
        gc.closePath();
        gc.clip();
        gc.setStroke(hatch);
        gc.setLineWidth(1.2);
        for (double offset = -2 * radius; offset <= 2 * radius; offset += 4) {
            gc.strokeLine(xPx + offset - radius, yPx + radius, xPx + offset + radius, yPx - radius);
        }
        gc.restore();
    }
}
