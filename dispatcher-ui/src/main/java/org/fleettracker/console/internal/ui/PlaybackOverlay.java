package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.MapViewport;
import org.fleettracker.console.internal.model.Playback;
import org.fleettracker.console.internal.model.ScreenPoint;
import org.jspecify.annotations.Nullable;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws a replayed track: the whole path thin, the part up to the playback clock thick, and a marker with the
 * local time at the vehicle's interpolated position.
 */
final class PlaybackOverlay implements MapOverlay {

    private static final Font TIME_FONT = Font.font("System", 12);
    private static final double MARKER_RADIUS_PX = 8.0;

    private @Nullable Playback playback;

    void setPlayback(@Nullable Playback newPlayback) {
        playback = newPlayback;
    }

    @Override
    public void draw(GraphicsContext gc, MapViewport viewport, Palette.MapColours colours) {
        Playback shown = playback;
        if (shown == null || shown.isEmpty()) {
            return;
        }
        List<HistoryPosition> fixes = shown.fixes();
        int passed = shown.passedFixCount();
        strokePath(gc, viewport, fixes, fixes.size(), Palette.PLAYBACK_PATH.deriveColor(0, 1, 1, 0.6), 2.0, null);
        GeoPoint current = shown.currentPosition().orElse(null);
        if (current == null) {
            return;
        }
        strokePath(gc, viewport, fixes, passed, Palette.PLAYBACK_PASSED, 4.0, current);
        drawMarker(gc, viewport.toScreen(current), Formats.localTime(shown.currentTime()), colours);
    }

    /** Strokes the first {@code count} fixes, then a last segment to {@code end} when it is not null. */
    private static void strokePath(
            GraphicsContext gc,
            MapViewport viewport,
            List<HistoryPosition> fixes,
            int count,
            Paint paint,
            double widthPx,
            @Nullable GeoPoint end) {
        if (count < 1) {
            return;
        }
        gc.setStroke(paint);
        gc.setLineWidth(widthPx);
        gc.setLineJoin(StrokeLineJoin.ROUND);
        gc.setLineCap(StrokeLineCap.ROUND);
        gc.beginPath();
        ScreenPoint first = screen(viewport, fixes.get(0));
        gc.moveTo(first.xPx(), first.yPx());
        for (int i = 1; i < count; i++) {
            ScreenPoint next = screen(viewport, fixes.get(i));
            gc.lineTo(next.xPx(), next.yPx());
        }
        if (end != null) {
            ScreenPoint last = viewport.toScreen(end);
            gc.lineTo(last.xPx(), last.yPx());
        }
        gc.stroke();
    }

    private static ScreenPoint screen(MapViewport viewport, HistoryPosition fix) {
        return viewport.toScreen(new GeoPoint(fix.latitudeDeg(), fix.longitudeDeg()));
    }

    private static void drawMarker(GraphicsContext gc, ScreenPoint at, String time, Palette.MapColours colours) {
        gc.setFill(Palette.PLAYBACK_PASSED);
        gc.fillOval(
                at.xPx() - MARKER_RADIUS_PX, at.yPx() - MARKER_RADIUS_PX, 2 * MARKER_RADIUS_PX, 2 * MARKER_RADIUS_PX);
        gc.setStroke(Color.WHITE);
        gc.setLineWidth(2.5);
        gc.strokeOval(
                at.xPx() - MARKER_RADIUS_PX, at.yPx() - MARKER_RADIUS_PX, 2 * MARKER_RADIUS_PX, 2 * MARKER_RADIUS_PX);
        gc.setFont(TIME_FONT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setStroke(colours.halo());
        gc.setLineWidth(3.0);
        double textX = at.xPx() + MARKER_RADIUS_PX + 5;
        gc.strokeText(time, textX, at.yPx());
        gc.setFill(colours.text());
        gc.fillText(time, textX, at.yPx());
    }
}
