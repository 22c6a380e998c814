package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.MapViewport;
import org.fleettracker.console.internal.model.ScreenPoint;
import org.fleettracker.protocol.api.JobStopKind;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** Draws the stops of a job on the map: the route between them, each arrival circle and a numbered badge. */
final class JobStopsOverlay implements MapOverlay {

    private static final Font NUMBER_FONT = Font.font("System", FontWeight.BOLD, 11);
    private static final double BADGE_RADIUS_PX = 10.0;

    private List<StopMark> stops = List.of();

    /** Replaces the stops to draw, in the order of the visit. */
    void setStops(List<StopMark> newStops) {
        stops = List.copyOf(newStops);
    }

    List<StopMark> stops() {
        return stops;
    }

    @Override
    public void draw(GraphicsContext gc, MapViewport viewport, Palette.MapColours colours) {
        if (stops.isEmpty()) {
            return;
        }
        drawRoute(gc, viewport, colours);
        double metresPerPx = viewport.metresPerPixel();
        for (int i = 0; i < stops.size(); i++) {
            StopMark stop = stops.get(i);
            ScreenPoint at = viewport.toScreen(stop.location());
            Color colour = colour(stop);
            double radiusPx = stop.radiusM() / metresPerPx;
            gc.setFill(colour.deriveColor(0, 1, 1, 0.12));
            gc.fillOval(at.xPx() - radiusPx, at.yPx() - radiusPx, 2 * radiusPx, 2 * radiusPx);
            gc.setStroke(colour.deriveColor(0, 1, 1, 0.6));
            gc.setLineWidth(1.0);
            gc.strokeOval(at.xPx() - radiusPx, at.yPx() - radiusPx, 2 * radiusPx, 2 * radiusPx);
            drawBadge(gc, at, colour, Integer.toString(i + 1), colours);
        }
    }

    private void drawRoute(GraphicsContext gc, MapViewport viewport, Palette.MapColours colours) {
        gc.setStroke(colours.text().deriveColor(0, 1, 1, 0.5));
        gc.setLineWidth(1.5);
        gc.setLineDashes(6, 4);
        gc.beginPath();
        ScreenPoint first = viewport.toScreen(stops.get(0).location());
        gc.moveTo(first.xPx(), first.yPx());
        for (int i = 1; i < stops.size(); i++) {
            ScreenPoint next = viewport.toScreen(stops.get(i).location());
            gc.lineTo(next.xPx(), next.yPx());
        }
        gc.stroke();
        gc.setLineDashes();
    }

    private static void drawBadge(
            GraphicsContext gc, ScreenPoint at, Color colour, String number, Palette.MapColours colours) {
        gc.setFill(colour);
        gc.fillOval(at.xPx() - BADGE_RADIUS_PX, at.yPx() - BADGE_RADIUS_PX, 2 * BADGE_RADIUS_PX, 2 * BADGE_RADIUS_PX);
        gc.setStroke(colours.markerOutline());
        gc.setLineWidth(2.0);
        gc.strokeOval(at.xPx() - BADGE_RADIUS_PX, at.yPx() - BADGE_RADIUS_PX, 2 * BADGE_RADIUS_PX, 2 * BADGE_RADIUS_PX);
        gc.setFill(Color.WHITE);
        gc.setFont(NUMBER_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(number, at.xPx(), at.yPx());
    }

    private static Color colour(StopMark stop) {
        if (stop.done()) {
            return Palette.STOP_DONE;
        }
        return stop.kind() == JobStopKind.PICKUP ? Palette.STOP_PICKUP : Palette.STOP_DROP_OFF;
    }

    /**
     * One stop to draw.
     *
     * @param radiusM the arrival radius, drawn to scale
     * @param done whether the vehicle has finished the stop, which greys it out
     */
    record StopMark(GeoPoint location, JobStopKind kind, double radiusM, boolean done) {}
}
