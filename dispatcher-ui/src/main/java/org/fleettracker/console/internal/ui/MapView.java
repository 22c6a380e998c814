package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.GeoBounds;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.MapViewport;
import org.fleettracker.console.internal.model.ScreenPoint;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * The map pane: a canvas redrawn at most once per frame, and only when something changed.
 *
 * <p>The map fits the fleet into view until the dispatcher pans or zooms; a double click fits it again.
 */
final class MapView extends Region {

    private final Canvas canvas = new Canvas();
    private final MapRenderer renderer = new MapRenderer();
    private final MapViewport viewport = new MapViewport(1, 1);
    private final FleetModel model;
    private final Consumer<String> onVehiclePicked;
    private @Nullable String selectedId;
    private boolean followFleet = true;
    private boolean dirty = true;
    private int drawnMarkers;
    private @Nullable ScreenPoint dragStart;
    private boolean dragged;
    // Overlay and click hook state, used by the section at the end of the class.
    private final List<MapOverlay> overlays = new ArrayList<>();
    private @Nullable Consumer<GeoPoint> onMapClick;

    MapView(FleetModel model, Consumer<String> onVehiclePicked) {
        this.model = model;
        this.onVehiclePicked = onVehiclePicked;
        getChildren().add(canvas);
        setMinSize(200, 150);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
    }

    @Override
    protected void layoutChildren() {
        double width = Math.max(1, getWidth());
        double height = Math.max(1, getHeight());
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            viewport.resize(width, height);
            dirty = true;
        }
    }

    /** Notes that the model changed; the next {@link #redrawIfNeeded()} draws it. */
    void modelChanged() {
        dirty = true;
    }

    void select(@Nullable String vehicleId) {
        selectedId = vehicleId;
        dirty = true;
    }

    /** Returns how many markers the last drawing put on the canvas. */
    int drawnMarkers() {
        return drawnMarkers;
    }

    void redrawIfNeeded() {
        if (!dirty) {
            return;
        }
        dirty = false;
        if (followFleet) {
            model.bounds().ifPresent(bounds -> viewport.fit(bounds, ConsoleConfig.FIT_MARGIN_PX));
        }
        // TODO: every changed frame redraws all markers and trails; frame time with thousands of vehicles is
        // unmeasured.
        drawnMarkers = renderer.draw(canvas.getGraphicsContext2D(), viewport, model.vehicles(), selectedId);
        drawOverlays();
    }

    private void onPressed(MouseEvent event) {
        dragStart = new ScreenPoint(event.getX(), event.getY());
        dragged = false;
    }

    private void onDragged(MouseEvent event) {
        if (dragStart == null) {
            return;
        }
        viewport.panByPx(event.getX() - dragStart.xPx(), event.getY() - dragStart.yPx());
        dragStart = new ScreenPoint(event.getX(), event.getY());
        dragged = true;
        followFleet = false;
        dirty = true;
    }

    private void onReleased(MouseEvent event) {
        dragStart = null;
        if (dragged || event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (event.getClickCount() == 2) {
            followFleet = true;
            dirty = true;
            return;
        }
        ScreenPoint click = new ScreenPoint(event.getX(), event.getY());
        if (!pick(click)) {
            passClickOn(click);
        }
    }

    private void onScroll(ScrollEvent event) {
        if (event.getDeltaY() == 0) {
            return;
        }
        double notches = event.getDeltaY() / 40.0;
        viewport.zoomAround(new ScreenPoint(event.getX(), event.getY()), notches * ConsoleConfig.ZOOM_PER_SCROLL_NOTCH);
        followFleet = false;
        dirty = true;
        event.consume();
    }

    /** Selects the vehicle nearest to {@code click} within the pick radius; returns whether there was one. */
    private boolean pick(ScreenPoint click) {
        VehicleTrack nearest = null;
        double nearestPx = ConsoleConfig.PICK_RADIUS_PX;
        for (VehicleTrack track : model.vehicles()) {
            if (track.position().isEmpty()) {
                continue;
            }
            double distancePx = viewport.toScreen(track.position().get()).distancePx(click);
            if (distancePx <= nearestPx) {
                nearest = track;
                nearestPx = distancePx;
            }
        }
        if (nearest != null) {
            onVehiclePicked.accept(nearest.vehicleId());
            return true;
        }
        return false;
    }

    // ---- Overlays and click hook for the side-panel views (dispatch stops, history playback) ----

    /** Adds an overlay, drawn after the vehicles in the order of adding. */
    void addOverlay(MapOverlay overlay) {
        overlays.add(overlay);
        dirty = true;
    }

    void removeOverlay(MapOverlay overlay) {
        if (overlays.remove(overlay)) {
            dirty = true;
        }
    }

    /** Sets who receives plain clicks that select no vehicle, as a map position; null gives them back to the map. */
    void setOnMapClick(@Nullable Consumer<GeoPoint> handler) {
        onMapClick = handler;
    }

    /** Asks for a redraw in the next frame, because an overlay changed. */
    void requestRedraw() {
        dirty = true;
    }

    /** Stops following the fleet and shows {@code bounds}, such as a replayed track. */
    void showBounds(GeoBounds bounds) {
        followFleet = false;
        viewport.fit(bounds, ConsoleConfig.FIT_MARGIN_PX);
        dirty = true;
    }

    private void drawOverlays() {
        for (MapOverlay overlay : overlays) {
            overlay.draw(canvas.getGraphicsContext2D(), viewport);
        }
    }

    private void passClickOn(ScreenPoint click) {
        Consumer<GeoPoint> handler = onMapClick;
        if (handler != null) {
            handler.accept(viewport.toGeo(click));
        }
    }
}
