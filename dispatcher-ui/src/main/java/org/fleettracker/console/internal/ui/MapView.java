package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Theme;
import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.map.ProjectedFleet;
import org.fleettracker.console.internal.map.TileLayer;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.GeoBounds;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.MapViewport;
import org.fleettracker.console.internal.model.ScreenPoint;
import org.fleettracker.console.internal.model.WebMercator;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * The map pane: a canvas redrawn at most once per frame, and only when the model, the view or a tile changed.
 *
 * <p>The camera fits the fleet into view until the dispatcher pans, zooms or clicks a cluster; a double click
 * fits it again. Follow mode (key F or the Follow button) keeps the selected vehicle centred until the dispatcher
 * pans. Clicks are handled in {@link #onClick}; layers are drawn by {@link MapRenderer}, and views add their own
 * with {@link #addOverlay}.
 */
final class MapView extends Region {

    /** The mode that moves the map between the dispatcher's drags and scrolls. */
    enum Camera {
        /** Fit every vehicle into view on each change. */
        FIT_FLEET,
        /** Keep the selected vehicle centred. */
        FOLLOW,
        /** Stay where the dispatcher left the map. */
        FREE
    }

    private final Canvas canvas = new Canvas();
    private final ToggleButton followButton = new ToggleButton("Follow");
    private MapRenderer renderer;
    private final MapViewport viewport = new MapViewport(1, 1);
    private final ProjectedFleet fleet = new ProjectedFleet();
    private final List<MapOverlay> overlays = new ArrayList<>();
    private @Nullable Consumer<GeoPoint> onMapClick;
    private final FleetModel model;
    private final Consumer<String> onVehiclePicked;
    private final @Nullable TileLayer tiles;
    private long projectedVersion = -1;
    private @Nullable String selectedId;
    private Camera camera = Camera.FIT_FLEET;
    private boolean dirty = true;
    private FrameStats lastFrame = FrameStats.NONE;
    private @Nullable ScreenPoint dragStart;
    private boolean dragged;

    MapView(FleetModel model, Consumer<String> onVehiclePicked, ConsoleSettings settings, Clock clock) {
        this.model = model;
        this.onVehiclePicked = onVehiclePicked;
        this.renderer = new MapRenderer(settings.theme());
        String tileUrl = settings.tileUrl();
        this.tiles = tileUrl == null ? null : TileLayer.start(tileUrl, settings.dataDir(), clock);
        getChildren().addAll(canvas, followButton);
        setMinSize(200, 150);
        setFocusTraversable(true);
        followButton.getStyleClass().add("map-follow-button");
        followButton.setTooltip(new Tooltip("Keep the selected vehicle centred (F); dragging the map ends it"));
        followButton.setFocusTraversable(false);
        followButton.setDisable(true);
        followButton.setOnAction(event -> setFollowing(followButton.isSelected()));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKeyPressed);
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
        followButton.autosize();
        // Below the row of longitude labels that the grid writes along the top edge.
        followButton.relocate(10, 22);
    }

    /** Notes that the model changed; the next {@link #redrawIfNeeded()} draws it. */
    void modelChanged() {
        dirty = true;
    }

    /** Draws the map in the colours of {@code theme} from the next frame on. */
    void setTheme(Theme theme) {
        renderer = new MapRenderer(theme);
        dirty = true;
    }

    /** Notes that an overlay changed; the next {@link #redrawIfNeeded()} draws it. */
    void requestRedraw() {
        dirty = true;
    }

    /** Adds a layer drawn over the vehicles, in the order added. */
    void addOverlay(MapOverlay overlay) {
        overlays.add(overlay);
        dirty = true;
    }

    void removeOverlay(MapOverlay overlay) {
        if (overlays.remove(overlay)) {
            dirty = true;
        }
    }

    /** Sets who receives plain clicks that hit no vehicle or cluster, as a map position; null ignores them. */
    void setOnMapClick(@Nullable Consumer<GeoPoint> handler) {
        onMapClick = handler;
    }

    /** Stops fitting or following and shows {@code bounds}, such as a replayed track. */
    void showBounds(GeoBounds bounds) {
        viewport.fit(bounds, ConsoleConfig.FIT_MARGIN_PX);
        setCamera(Camera.FREE);
    }

    void select(@Nullable String vehicleId) {
        selectedId = vehicleId;
        followButton.setDisable(vehicleId == null);
        if (vehicleId == null && camera == Camera.FOLLOW) {
            setFollowing(false);
        }
        dirty = true;
    }

    /** Starts or ends follow mode; starting needs a selected vehicle. */
    void setFollowing(boolean follow) {
        if (follow && selectedId != null) {
            camera = Camera.FOLLOW;
        } else if (camera == Camera.FOLLOW) {
            camera = Camera.FREE;
        }
        followButton.setSelected(camera == Camera.FOLLOW);
        dirty = true;
    }

    Camera camera() {
        return camera;
    }

    /** Returns how many vehicles the last drawing showed inside the visible area, alone or in clusters. */
    int drawnMarkers() {
        return lastFrame.vehicles();
    }

    FrameStats lastFrame() {
        return lastFrame;
    }

    MapViewport viewport() {
        return viewport;
    }

    /** Returns the centres of the clusters of two or more vehicles that the last drawing showed. */
    List<ScreenPoint> clusterCenters() {
        return renderer.clusterCenters();
    }

    @Nullable
    TileLayer tiles() {
        return tiles;
    }

    /** Redraws when something changed since the last drawing; called once per frame on the FX thread. */
    // TODO: the map is most of a frame at 5,000 vehicles; a redraw visits every vehicle, and no step is profiled yet.
    void redrawIfNeeded() {
        if (tiles != null && tiles.takeLoaded()) {
            dirty = true;
        }
        if (!dirty) {
            return;
        }
        dirty = false;
        if (model.version() != projectedVersion) {
            fleet.refresh(model.vehicles());
            projectedVersion = model.version();
        }
        moveCamera();
        lastFrame = renderer.draw(canvas.getGraphicsContext2D(), viewport, fleet, tiles, selectedId, overlays);
    }

    private void moveCamera() {
        if (camera == Camera.FIT_FLEET) {
            GeoBounds bounds = fleet.bounds();
            if (bounds != null) {
                viewport.fit(bounds, ConsoleConfig.FIT_MARGIN_PX);
            }
        } else if (camera == Camera.FOLLOW) {
            int index = fleet.indexOf(selectedId);
            if (index >= 0 && fleet.hasPosition(index)) {
                viewport.centerOn(new GeoPoint(
                        WebMercator.latitudeDeg(fleet.mercatorY(index)),
                        WebMercator.longitudeDeg(fleet.mercatorX(index))));
            }
        }
    }

    /** Stops the tile downloads; the view is not used afterwards. */
    void close() {
        if (tiles != null) {
            tiles.close();
        }
    }

    private void onKeyPressed(KeyEvent event) {
        if (event.getCode() == KeyCode.F) {
            setFollowing(camera != Camera.FOLLOW);
            event.consume();
        }
    }

    private void onPressed(MouseEvent event) {
        requestFocus();
        dragStart = new ScreenPoint(event.getX(), event.getY());
        dragged = false;
    }

    private void onDragged(MouseEvent event) {
        if (dragStart == null) {
            return;
        }
        panByPx(event.getX() - dragStart.xPx(), event.getY() - dragStart.yPx());
        dragStart = new ScreenPoint(event.getX(), event.getY());
        dragged = true;
    }

    /** Moves the map content as a drag does; this ends fitting the fleet and following a vehicle. */
    void panByPx(double deltaXPx, double deltaYPx) {
        viewport.panByPx(deltaXPx, deltaYPx);
        setCamera(Camera.FREE);
    }

    private void onReleased(MouseEvent event) {
        dragStart = null;
        if (dragged || event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        onClick(new ScreenPoint(event.getX(), event.getY()), event.getClickCount());
    }

    /** Handles a primary click that was no drag: the one place where clicks on the map take effect. */
    void onClick(ScreenPoint click, int clickCount) {
        if (clickCount == 2) {
            setCamera(Camera.FIT_FLEET);
            return;
        }
        MapHit hit = renderer.hitAt(click.xPx(), click.yPx());
        if (hit instanceof MapHit.Cluster cluster) {
            zoomInOn(cluster.bounds());
        } else if (hit instanceof MapHit.Vehicle vehicle) {
            onVehiclePicked.accept(vehicle.vehicleId());
        } else if (onMapClick != null) {
            onMapClick.accept(viewport.toGeo(click));
        }
    }

    private void zoomInOn(GeoBounds bounds) {
        double zoomBefore = viewport.zoom();
        viewport.fit(bounds, ConsoleConfig.FIT_MARGIN_PX);
        if (viewport.zoom() < zoomBefore + ConsoleConfig.CLUSTER_CLICK_MIN_ZOOM_STEP) {
            viewport.zoomTo(zoomBefore + ConsoleConfig.CLUSTER_CLICK_MIN_ZOOM_STEP);
        }
        setCamera(Camera.FREE);
    }

    private void onScroll(ScrollEvent event) {
        if (event.getDeltaY() == 0) {
            return;
        }
        double notches = event.getDeltaY() / 40.0;
        // While following, zoom around the centre so the followed vehicle stays there.
        ScreenPoint anchor = camera == Camera.FOLLOW
                ? new ScreenPoint(viewport.widthPx() / 2, viewport.heightPx() / 2)
                : new ScreenPoint(event.getX(), event.getY());
        viewport.zoomAround(anchor, notches * ConsoleConfig.ZOOM_PER_SCROLL_NOTCH);
        if (camera == Camera.FIT_FLEET) {
            setCamera(Camera.FREE);
        }
        dirty = true;
        event.consume();
    }

    private void setCamera(Camera newCamera) {
        camera = newCamera;
        followButton.setSelected(camera == Camera.FOLLOW);
        dirty = true;
    }
}
