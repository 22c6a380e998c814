package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.MapViewport;
import org.fleettracker.console.internal.model.NiceSteps;
import org.fleettracker.console.internal.model.ScreenPoint;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** Draws the latitude and longitude grid with its labels, the map's background wherever no tile covers it. */
final class GridPainter {

    private static final Font SMALL_FONT = Font.font("System", 10);

    private final Palette.MapColours colours;

    GridPainter(Palette.MapColours colours) {
        this.colours = colours;
    }

    /** Draws the grid and returns how many lines it drew. */
    int draw(GraphicsContext gc, MapViewport viewport) {
        double degreesPerPx = 360.0 / viewport.worldPx();
        double stepDeg = Math.min(30.0, NiceSteps.ceil(degreesPerPx * ConsoleConfig.GRID_TARGET_SPACING_PX));
        GeoPoint northWest = viewport.toGeo(new ScreenPoint(0, 0));
        GeoPoint southEast = viewport.toGeo(new ScreenPoint(viewport.widthPx(), viewport.heightPx()));
        gc.setStroke(colours.grid());
        gc.setLineWidth(1.0);
        gc.setFont(SMALL_FONT);
        gc.setFill(colours.gridLabel());
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        int lines = 0;
        for (double lon = Math.ceil(northWest.longitudeDeg() / stepDeg) * stepDeg;
                lon <= southEast.longitudeDeg();
                lon += stepDeg) {
            double xPx = Math.round(viewport.toScreen(new GeoPoint(northWest.latitudeDeg(), lon))
                            .xPx())
                    + 0.5;
            gc.strokeLine(xPx, 0, xPx, viewport.heightPx());
            gc.fillText(degrees(lon, stepDeg, "E", "W"), xPx + 3, 3);
            lines++;
        }
        for (double lat = Math.ceil(southEast.latitudeDeg() / stepDeg) * stepDeg;
                lat <= northWest.latitudeDeg();
                lat += stepDeg) {
            double yPx = Math.round(viewport.toScreen(new GeoPoint(lat, northWest.longitudeDeg()))
                            .yPx())
                    + 0.5;
            gc.strokeLine(0, yPx, viewport.widthPx(), yPx);
            gc.fillText(degrees(lat, stepDeg, "N", "S"), 3, yPx + 2);
            lines++;
        }
        return lines;
    }

    private static String degrees(double valueDeg, double stepDeg, String positive, String negative) {
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(stepDeg) - 1e-9));
        String number = String.format(Locale.ROOT, "%." + decimals + "f°", Math.abs(valueDeg));
        if (Math.abs(valueDeg) < stepDeg / 2) {
            return number;
        }
        return number + " " + (valueDeg > 0 ? positive : negative);
    }
}
