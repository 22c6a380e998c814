package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.MapViewport;
import org.fleettracker.console.internal.model.NiceSteps;
import org.fleettracker.console.internal.model.ScreenPoint;
import org.fleettracker.console.internal.model.TrailPoint;
import org.fleettracker.console.internal.model.VehicleStatus;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** Draws the map: background, lat/lon grid, trails, vehicle markers, labels, scale bar and legend. */
final class MapRenderer {

    private static final Font LABEL_FONT = Font.font("System", 12);
    private static final Font SMALL_FONT = Font.font("System", 10);

    /**
     * Draws everything and returns how many vehicle markers fell inside the canvas.
     *
     * @param selectedId the vehicle to highlight, or null
     */
    int draw(GraphicsContext gc, MapViewport viewport, Collection<VehicleTrack> vehicles, @Nullable String selectedId) {
        gc.setFill(Palette.BACKGROUND);
        gc.fillRect(0, 0, viewport.widthPx(), viewport.heightPx());
        drawGrid(gc, viewport);
        for (VehicleTrack track : vehicles) {
            drawTrail(gc, viewport, track);
        }
        int drawn = 0;
        boolean labels = viewport.zoom() >= ConsoleConfig.LABEL_MIN_ZOOM;
        for (VehicleTrack track : vehicles) {
            if (track.vehicleId().equals(selectedId)) {
                continue;
            }
            drawn += drawVehicle(gc, viewport, track, false, labels) ? 1 : 0;
        }
        // The selected vehicle goes last so it is on top of its neighbours.
        for (VehicleTrack track : vehicles) {
            if (track.vehicleId().equals(selectedId)) {
                drawn += drawVehicle(gc, viewport, track, true, true) ? 1 : 0;
            }
        }
        drawScaleBar(gc, viewport);
        drawLegend(gc);
        if (vehicles.isEmpty()) {
            drawCentredText(gc, viewport, "Waiting for vehicle states…");
        }
        return drawn;
    }

    private void drawGrid(GraphicsContext gc, MapViewport viewport) {
        double degreesPerPx = 360.0 / viewport.worldPx();
        double stepDeg = Math.min(30.0, NiceSteps.ceil(degreesPerPx * ConsoleConfig.GRID_TARGET_SPACING_PX));
        GeoPoint northWest = viewport.toGeo(new ScreenPoint(0, 0));
        GeoPoint southEast = viewport.toGeo(new ScreenPoint(viewport.widthPx(), viewport.heightPx()));
        gc.setStroke(Palette.GRID);
        gc.setLineWidth(1.0);
        gc.setFont(SMALL_FONT);
        gc.setFill(Palette.GRID_LABEL);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        for (double lon = Math.ceil(northWest.longitudeDeg() / stepDeg) * stepDeg;
                lon <= southEast.longitudeDeg();
                lon += stepDeg) {
            double xPx = Math.round(viewport.toScreen(new GeoPoint(northWest.latitudeDeg(), lon))
                            .xPx())
                    + 0.5;
            gc.strokeLine(xPx, 0, xPx, viewport.heightPx());
            gc.fillText(degrees(lon, stepDeg, "E", "W"), xPx + 3, 3);
        }
        for (double lat = Math.ceil(southEast.latitudeDeg() / stepDeg) * stepDeg;
                lat <= northWest.latitudeDeg();
                lat += stepDeg) {
            double yPx = Math.round(viewport.toScreen(new GeoPoint(lat, northWest.longitudeDeg()))
                            .yPx())
                    + 0.5;
            gc.strokeLine(0, yPx, viewport.widthPx(), yPx);
            gc.fillText(degrees(lat, stepDeg, "N", "S"), 3, yPx + 2);
        }
    }

    private static String degrees(double valueDeg, double stepDeg, String positive, String negative) {
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(stepDeg) - 1e-9));
        String number = String.format(Locale.ROOT, "%." + decimals + "f°", Math.abs(valueDeg));
        if (Math.abs(valueDeg) < stepDeg / 2) {
            return number;
        }
        return number + " " + (valueDeg > 0 ? positive : negative);
    }

    private void drawTrail(GraphicsContext gc, MapViewport viewport, VehicleTrack track) {
        List<TrailPoint> points = track.trail().points();
        if (points.size() < 2) {
            return;
        }
        Color colour = track.isStale() ? Palette.STALE_HATCH : Palette.status(track.status());
        gc.setStroke(colour.deriveColor(0, 1, 1, 0.55));
        gc.setLineWidth(2.0);
        gc.setLineJoin(StrokeLineJoin.ROUND);
        gc.setLineCap(StrokeLineCap.ROUND);
        gc.beginPath();
        ScreenPoint first = viewport.toScreen(points.get(0).position());
        gc.moveTo(first.xPx(), first.yPx());
        for (int i = 1; i < points.size(); i++) {
            ScreenPoint next = viewport.toScreen(points.get(i).position());
            gc.lineTo(next.xPx(), next.yPx());
        }
        gc.stroke();
    }

    private boolean drawVehicle(
            GraphicsContext gc, MapViewport viewport, VehicleTrack track, boolean selected, boolean label) {
        VehicleState state = track.state().orElse(null);
        if (state == null) {
            return false;
        }
        ScreenPoint at = viewport.toScreen(new GeoPoint(state.latitudeDeg(), state.longitudeDeg()));
        double radius = ConsoleConfig.MARKER_RADIUS_PX;
        if (at.xPx() < -radius
                || at.yPx() < -radius
                || at.xPx() > viewport.widthPx() + radius
                || at.yPx() > viewport.heightPx() + radius) {
            return false;
        }
        if (selected) {
            gc.setStroke(Palette.SELECTION);
            gc.setLineWidth(3.0);
            gc.strokeOval(at.xPx() - radius - 5, at.yPx() - radius - 5, 2 * (radius + 5), 2 * (radius + 5));
        }
        VehicleMarker.draw(gc, at, radius, state.headingDeg(), track.status(), track.isStale());
        if (label) {
            drawLabel(gc, at, track.vehicleId(), radius);
        }
        return true;
    }

    private void drawLabel(GraphicsContext gc, ScreenPoint at, String text, double radius) {
        gc.setFont(LABEL_FONT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setStroke(Palette.HALO);
        gc.setLineWidth(3.0);
        gc.strokeText(text, at.xPx() + radius + 5, at.yPx());
        gc.setFill(Palette.TEXT);
        gc.fillText(text, at.xPx() + radius + 5, at.yPx());
    }

    private void drawScaleBar(GraphicsContext gc, MapViewport viewport) {
        double metresPerPx = viewport.metresPerPixel();
        double distanceM = NiceSteps.floor(metresPerPx * ConsoleConfig.SCALE_BAR_MAX_WIDTH_PX);
        double widthPx = distanceM / metresPerPx;
        double left = 14;
        double bottom = viewport.heightPx() - 14;
        gc.setFill(Palette.HALO);
        gc.fillRect(left - 6, bottom - 22, widthPx + 12, 28);
        gc.setStroke(Palette.TEXT);
        gc.setLineWidth(2.0);
        gc.setLineCap(StrokeLineCap.BUTT);
        gc.strokeLine(left, bottom, left + widthPx, bottom);
        gc.strokeLine(left, bottom - 6, left, bottom);
        gc.strokeLine(left + widthPx, bottom - 6, left + widthPx, bottom);
        gc.setFill(Palette.TEXT);
        gc.setFont(SMALL_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.fillText(Formats.distance(distanceM), left + widthPx / 2, bottom - 5);
    }

    private void drawLegend(GraphicsContext gc) {
        double x = gc.getCanvas().getWidth() - 104;
        double y = 10;
        gc.setFill(Palette.HALO);
        gc.fillRoundRect(x - 8, y - 4, 100, 88, 8, 8);
        int row = 0;
        for (VehicleStatus status : List.of(VehicleStatus.MOVING, VehicleStatus.STOPPED, VehicleStatus.OFFLINE)) {
            drawLegendRow(gc, x, y + 10 + 20 * row++, status, false, status.label());
        }
        drawLegendRow(gc, x, y + 10 + 20 * row, VehicleStatus.STOPPED, true, "stale");
    }

    private void drawLegendRow(
            GraphicsContext gc, double x, double centreY, VehicleStatus status, boolean stale, String text) {
        VehicleMarker.draw(gc, new ScreenPoint(x + 8, centreY), 6, 0.0, status, stale);
        gc.setFill(Palette.TEXT);
        gc.setFont(SMALL_FONT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(text, x + 22, centreY);
    }

    private void drawCentredText(GraphicsContext gc, MapViewport viewport, String text) {
        gc.setFill(Palette.GRID_LABEL);
        gc.setFont(LABEL_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(text, viewport.widthPx() / 2, viewport.heightPx() / 2);
    }
}
