package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.ScreenPoint;
import org.fleettracker.console.internal.model.VehicleStatus;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * One vehicle marker: a disc in its status colour with a pointer towards its heading (0 deg points up, angles
 * grow clockwise). A stale vehicle is grey with diagonal hatching, whatever its status.
 */
final class VehicleMarker {

    private VehicleMarker() {}

    static void draw(
            GraphicsContext gc, ScreenPoint at, double radius, double headingDeg, VehicleStatus status, boolean stale) {
        Color fill = stale ? Palette.STALE_FILL : Palette.status(status);
        if (status == VehicleStatus.MOVING) {
            drawPointer(gc, at, radius, headingDeg, fill);
        }
        gc.setFill(fill);
        gc.fillOval(at.xPx() - radius, at.yPx() - radius, 2 * radius, 2 * radius);
        if (stale) {
            drawHatching(gc, at, radius);
        }
        gc.setStroke(stale ? Palette.STALE_HATCH : Palette.MARKER_OUTLINE);
        gc.setLineWidth(1.5);
        gc.strokeOval(at.xPx() - radius, at.yPx() - radius, 2 * radius, 2 * radius);
    }

    private static void drawPointer(GraphicsContext gc, ScreenPoint at, double radius, double headingDeg, Color fill) {
        double headingRad = Math.toRadians(headingDeg);
        double sin = Math.sin(headingRad);
        double cos = Math.cos(headingRad);
        double tipDistance = radius * 2.2;
        double baseHalfWidth = radius * 0.8;
        double[] xs = {
            at.xPx() + sin * tipDistance, at.xPx() + cos * baseHalfWidth, at.xPx() - cos * baseHalfWidth,
        };
        double[] ys = {
            at.yPx() - cos * tipDistance, at.yPx() + sin * baseHalfWidth, at.yPx() - sin * baseHalfWidth,
        };
        gc.setFill(fill.darker());
        gc.fillPolygon(xs, ys, 3);
    }

    private static void drawHatching(GraphicsContext gc, ScreenPoint at, double radius) {
        gc.save();
        gc.beginPath();
        gc.arc(at.xPx(), at.yPx(), radius, radius, 0, 360);
        gc.closePath();
        gc.clip();
        gc.setStroke(Palette.STALE_HATCH);
        gc.setLineWidth(1.2);
        for (double offset = -2 * radius; offset <= 2 * radius; offset += 4) {
            gc.strokeLine(at.xPx() + offset - radius, at.yPx() + radius, at.xPx() + offset + radius, at.yPx() - radius);
        }
        gc.restore();
    }
}
