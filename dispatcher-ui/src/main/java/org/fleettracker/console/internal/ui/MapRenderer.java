package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.Theme;
import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.map.ProjectedFleet;
import org.fleettracker.console.internal.map.ScreenClusterer;
import org.fleettracker.console.internal.map.TileLayer;
import org.fleettracker.console.internal.model.GeoBounds;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.MapViewport;
import org.fleettracker.console.internal.model.NiceSteps;
import org.fleettracker.console.internal.model.ScreenPoint;
import org.fleettracker.console.internal.model.VehicleStatus;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws the map in layers, bottom to top: background and grid, raster tiles, trails, clusters and markers, the
 * selected vehicle, overlays, then scale bar, legend and attribution.
 *
 * <p>Markers go through reused arrays and a reused {@link ScreenClusterer}, so a frame allocates per cluster and
 * per tile but not per vehicle. The last frame's markers and clusters stay for {@link #hitAt}. Not thread safe.
 */
final class MapRenderer {

    private static final Font LABEL_FONT = Font.font("System", 12);
    private static final Font SMALL_FONT = Font.font("System", 10);
    private static final Font CLUSTER_FONT = Font.font("System", FontWeight.BOLD, 11);
    private static final List<VehicleStatus> LEGEND =
            List.of(VehicleStatus.MOVING, VehicleStatus.IDLE, VehicleStatus.STOPPED, VehicleStatus.OFFLINE);
    private static final VehicleStatus[] BY_URGENCY = new VehicleStatus[VehicleStatus.values().length];

    static {
        for (VehicleStatus status : VehicleStatus.values()) {
            BY_URGENCY[status.urgency()] = status;
        }
    }

    private final Palette.MapColours colours;
    private final GridPainter grid;
    private final TilePainter tilePainter;
    private final ScreenClusterer clusterer = new ScreenClusterer();
    private double[] xPx = new double[0];
    private double[] yPx = new double[0];
    private int[] visible = new int[0];
    private int visibleCount;
    private int[] trailed = new int[0];
    private int trailCount;
    private boolean clustered;
    private int selectedIndex = -1;
    private @Nullable ProjectedFleet lastFleet;
    private @Nullable MapViewport lastViewport;
    private String measuredAttribution = "";
    private double measuredAttributionPx;

    MapRenderer(Theme theme) {
        this.colours = Palette.map(theme);
        this.grid = new GridPainter(colours);
        this.tilePainter = new TilePainter(colours);
    }

    Palette.MapColours colours() {
        return colours;
    }

    /**
     * Draws every layer and returns what went on the canvas.
     *
     * @param tiles the raster tiles, or null for the plain background with its grid
     * @param selectedId the vehicle to highlight, or null
     */
    FrameStats draw(
            GraphicsContext gc,
            MapViewport viewport,
            ProjectedFleet fleet,
            @Nullable TileLayer tiles,
            @Nullable String selectedId,
            List<MapOverlay> overlays) {
        gc.setFill(colours.background());
        gc.fillRect(0, 0, viewport.widthPx(), viewport.heightPx());
        int gridLines = grid.draw(gc, viewport);
        TilePainter.Drawn drawnTiles = tiles == null ? TilePainter.Drawn.NONE : tilePainter.draw(gc, viewport, tiles);
        lastFleet = fleet;
        lastViewport = viewport;
        selectedIndex = fleet.indexOf(selectedId);
        placeMarkers(viewport, fleet);
        drawTrails(gc, viewport, fleet);
        drawMarkers(gc, fleet);
        drawSelected(gc, fleet);
        for (MapOverlay overlay : overlays) {
            overlay.draw(gc, viewport, colours);
        }
        drawScaleBar(gc, viewport);
        drawLegend(gc);
        if (tiles != null) {
            drawAttribution(gc, viewport, tiles.attribution());
        }
        if (fleet.size() == 0) {
            drawCentredText(gc, viewport, "Waiting for vehicle states…");
        }
        int clusters = clustered ? countClusters() : 0;
        return new FrameStats(visibleCount, clusters, drawnTiles.tiles(), drawnTiles.scaled(), gridLines);
    }

    /** Projects every positioned vehicle, keeps those in view, and groups them when the map shows many. */
    private void placeMarkers(MapViewport viewport, ProjectedFleet fleet) {
        int size = fleet.size();
        if (xPx.length < size) {
            int capacity = Math.max(size, xPx.length * 2);
            xPx = new double[capacity];
            yPx = new double[capacity];
            visible = new int[capacity];
        }
        double worldPx = viewport.worldPx();
        double marginPx = 3 * ConsoleConfig.MARKER_RADIUS_PX;
        double maxXPx = viewport.widthPx() + marginPx;
        double maxYPx = viewport.heightPx() + marginPx;
        visibleCount = 0;
        for (int i = 0; i < size; i++) {
            if (!fleet.hasPosition(i)) {
                continue;
            }
            double x = viewport.screenX(fleet.mercatorX(i), worldPx);
            double y = viewport.screenY(fleet.mercatorY(i), worldPx);
            xPx[i] = x;
            yPx[i] = y;
            if (x >= -marginPx && y >= -marginPx && x <= maxXPx && y <= maxYPx) {
                visible[visibleCount++] = i;
            }
        }
        clustered = viewport.zoom() < ConsoleConfig.CLUSTER_MAX_ZOOM
                && visibleCount > ConsoleConfig.CLUSTER_MIN_VISIBLE_VEHICLES;
        if (!clustered) {
            return;
        }
        clusterer.begin(ConsoleConfig.CLUSTER_CELL_PX, viewport.screenX(0.0, worldPx), viewport.screenY(0.0, worldPx));
        for (int v = 0; v < visibleCount; v++) {
            int i = visible[v];
            // The selected vehicle stays out of clusters, so the dispatcher always sees where it is.
            if (i != selectedIndex) {
                clusterer.add(xPx[i], yPx[i], fleet.status(i).urgency(), i);
            }
        }
    }

    private int countClusters() {
        int clusters = 0;
        for (int c = 0; c < clusterer.size(); c++) {
            clusters += clusterer.count(c) > 1 ? 1 : 0;
        }
        return clusters;
    }

    /**
     * Draws the trails of the vehicles drawn on their own, as one path per trail colour: each stroke call costs the
     * renderer far more than the points of a path do.
     */
    private void drawTrails(GraphicsContext gc, MapViewport viewport, ProjectedFleet fleet) {
        collectTrails(fleet);
        if (trailCount == 0) {
            return;
        }
        gc.setLineWidth(2.0);
        gc.setLineJoin(StrokeLineJoin.ROUND);
        gc.setLineCap(StrokeLineCap.ROUND);
        double worldPx = viewport.worldPx();
        for (VehicleStatus status : VehicleStatus.values()) {
            strokeTrails(gc, viewport, worldPx, fleet, status, false);
        }
        strokeTrails(gc, viewport, worldPx, fleet, null, true);
    }

    /** Lists the vehicles whose trails are drawn: every visible one, or only those outside clusters. */
    private void collectTrails(ProjectedFleet fleet) {
        trailCount = 0;
        if (trailed.length < visible.length) {
            trailed = new int[visible.length];
        }
        if (!clustered) {
            for (int v = 0; v < visibleCount; v++) {
                addTrailIfLong(fleet, visible[v]);
            }
            return;
        }
        for (int c = 0; c < clusterer.size(); c++) {
            if (clusterer.count(c) == 1) {
                addTrailIfLong(fleet, clusterer.firstMember(c));
            }
        }
        if (selectedIndex >= 0 && fleet.hasPosition(selectedIndex)) {
            addTrailIfLong(fleet, selectedIndex);
        }
    }

    private void addTrailIfLong(ProjectedFleet fleet, int i) {
        if (fleet.trailSize(i) >= 2) {
            trailed[trailCount++] = i;
        }
    }

    /** Strokes, as one path, the trails of the stale vehicles, or else of the fresh ones with {@code status}. */
    private void strokeTrails(
            GraphicsContext gc,
            MapViewport viewport,
            double worldPx,
            ProjectedFleet fleet,
            @Nullable VehicleStatus status,
            boolean stale) {
        boolean begun = false;
        for (int t = 0; t < trailCount; t++) {
            int i = trailed[t];
            if (fleet.isStale(i) != stale || (!stale && fleet.status(i) != status)) {
                continue;
            }
            if (!begun) {
                gc.setStroke(stale || status == null ? colours.staleTrail() : Palette.trail(status));
                gc.beginPath();
                begun = true;
            }
            addTrail(gc, viewport, worldPx, fleet, i);
        }
        if (begun) {
            gc.stroke();
        }
    }

    private void addTrail(GraphicsContext gc, MapViewport viewport, double worldPx, ProjectedFleet fleet, int i) {
        int points = fleet.trailSize(i);
        double lastX = viewport.screenX(fleet.trailMercatorX(i, 0), worldPx);
        double lastY = viewport.screenY(fleet.trailMercatorY(i, 0), worldPx);
        gc.moveTo(lastX, lastY);
        for (int p = 1; p < points; p++) {
            double x = viewport.screenX(fleet.trailMercatorX(i, p), worldPx);
            double y = viewport.screenY(fleet.trailMercatorY(i, p), worldPx);
            // Points closer than a pixel or two add path work without changing the drawn line.
            boolean last = p == points - 1;
            if (last || Math.abs(x - lastX) + Math.abs(y - lastY) >= ConsoleConfig.TRAIL_MIN_STEP_PX) {
                gc.lineTo(x, y);
                lastX = x;
                lastY = y;
            }
        }
    }

    private void drawMarkers(GraphicsContext gc, ProjectedFleet fleet) {
        double radius = ConsoleConfig.MARKER_RADIUS_PX;
        if (!clustered) {
            boolean labels = visibleCount <= ConsoleConfig.LABEL_MAX_VEHICLES;
            for (int v = 0; v < visibleCount; v++) {
                int i = visible[v];
                if (i != selectedIndex) {
                    drawVehicle(gc, fleet, i, radius, labels && lastZoom() >= ConsoleConfig.LABEL_MIN_ZOOM);
                }
            }
            return;
        }
        for (int c = 0; c < clusterer.size(); c++) {
            if (clusterer.count(c) == 1) {
                drawVehicle(gc, fleet, clusterer.firstMember(c), radius, false);
            } else {
                drawCluster(gc, c);
            }
        }
    }

    private double lastZoom() {
        return lastViewport == null ? 0.0 : lastViewport.zoom();
    }

    private void drawVehicle(GraphicsContext gc, ProjectedFleet fleet, int i, double radius, boolean label) {
        VehicleMarker.draw(gc, xPx[i], yPx[i], radius, fleet.headingDeg(i), fleet.status(i), fleet.isStale(i), colours);
        if (label) {
            drawLabel(gc, xPx[i], yPx[i], fleet.vehicleId(i), radius);
        }
    }

    private void drawCluster(GraphicsContext gc, int c) {
        int count = clusterer.count(c);
        double radius = clusterRadiusPx(count);
        double x = clusterer.centerXPx(c);
        double y = clusterer.centerYPx(c);
        Color fill = Palette.status(BY_URGENCY[clusterer.maxUrgency(c)]);
        gc.setFill(Palette.trail(BY_URGENCY[clusterer.maxUrgency(c)]));
        gc.fillOval(x - radius - 4, y - radius - 4, 2 * (radius + 4), 2 * (radius + 4));
        gc.setFill(fill);
        gc.fillOval(x - radius, y - radius, 2 * radius, 2 * radius);
        gc.setStroke(colours.markerOutline());
        gc.setLineWidth(1.5);
        gc.strokeOval(x - radius, y - radius, 2 * radius, 2 * radius);
        gc.setFill(Color.WHITE);
        gc.setFont(CLUSTER_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(Integer.toString(count), x, y);
    }

    private static double clusterRadiusPx(int count) {
        double grown = ConsoleConfig.CLUSTER_MIN_RADIUS_PX + 3.0 * (Math.log(count) / Math.log(2.0) - 1.0);
        return Math.min(ConsoleConfig.CLUSTER_CELL_PX / 2, grown);
    }

    private void drawSelected(GraphicsContext gc, ProjectedFleet fleet) {
        if (selectedIndex < 0 || !fleet.hasPosition(selectedIndex)) {
            return;
        }
        double radius = ConsoleConfig.MARKER_RADIUS_PX;
        double x = xPx[selectedIndex];
        double y = yPx[selectedIndex];
        gc.setStroke(colours.selection());
        gc.setLineWidth(3.0);
        gc.strokeOval(x - radius - 5, y - radius - 5, 2 * (radius + 5), 2 * (radius + 5));
        drawVehicle(gc, fleet, selectedIndex, radius, true);
    }

    /**
     * Returns what the last drawing shows at canvas point ({@code xPx}, {@code yPx}): a cluster under the point, or
     * else the nearest single vehicle within {@link ConsoleConfig#PICK_RADIUS_PX}, or null.
     */
    @Nullable
    MapHit hitAt(double x, double y) {
        ProjectedFleet fleet = lastFleet;
        MapViewport viewport = lastViewport;
        if (fleet == null || viewport == null) {
            return null;
        }
        if (clustered) {
            for (int c = 0; c < clusterer.size(); c++) {
                int count = clusterer.count(c);
                double dx = clusterer.centerXPx(c) - x;
                double dy = clusterer.centerYPx(c) - y;
                if (count > 1 && Math.hypot(dx, dy) <= clusterRadiusPx(count) + 4) {
                    return new MapHit.Cluster(clusterBounds(viewport, c), count);
                }
            }
        }
        Nearest nearest = new Nearest(x, y);
        if (!clustered) {
            for (int v = 0; v < visibleCount; v++) {
                nearest.consider(visible[v]);
            }
        } else {
            for (int c = 0; c < clusterer.size(); c++) {
                if (clusterer.count(c) == 1) {
                    nearest.consider(clusterer.firstMember(c));
                }
            }
            if (selectedIndex >= 0 && fleet.hasPosition(selectedIndex)) {
                nearest.consider(selectedIndex);
            }
        }
        return nearest.index < 0 ? null : new MapHit.Vehicle(fleet.vehicleId(nearest.index));
    }

    /** The marker nearest to a click among those considered, within the pick radius. */
    private final class Nearest {

        private final double clickXPx;
        private final double clickYPx;
        private int index = -1;
        private double distancePx = ConsoleConfig.PICK_RADIUS_PX;

        Nearest(double clickXPx, double clickYPx) {
            this.clickXPx = clickXPx;
            this.clickYPx = clickYPx;
        }

        void consider(int vehicleIndex) {
            double distance = Math.hypot(xPx[vehicleIndex] - clickXPx, yPx[vehicleIndex] - clickYPx);
            if (distance <= distancePx) {
                index = vehicleIndex;
                distancePx = distance;
            }
        }
    }

    private GeoBounds clusterBounds(MapViewport viewport, int c) {
        GeoPoint northWest = viewport.toGeo(new ScreenPoint(clusterer.minXPx(c), clusterer.minYPx(c)));
        GeoPoint southEast = viewport.toGeo(new ScreenPoint(clusterer.maxXPx(c), clusterer.maxYPx(c)));
        return new GeoBounds(
                southEast.latitudeDeg(), northWest.latitudeDeg(), northWest.longitudeDeg(), southEast.longitudeDeg());
    }

    /** Returns the centres of the clusters of two or more vehicles that the last drawing showed. */
    List<ScreenPoint> clusterCenters() {
        List<ScreenPoint> centers = new ArrayList<>();
        for (int c = 0; clustered && c < clusterer.size(); c++) {
            if (clusterer.count(c) > 1) {
                centers.add(new ScreenPoint(clusterer.centerXPx(c), clusterer.centerYPx(c)));
            }
        }
        return centers;
    }

    private void drawLabel(GraphicsContext gc, double x, double y, String text, double radius) {
        gc.setFont(LABEL_FONT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setStroke(colours.halo());
        gc.setLineWidth(3.0);
        gc.strokeText(text, x + radius + 5, y);
        gc.setFill(colours.text());
        gc.fillText(text, x + radius + 5, y);
    }

    private void drawScaleBar(GraphicsContext gc, MapViewport viewport) {
        double metresPerPx = viewport.metresPerPixel();
        double distanceM = NiceSteps.floor(metresPerPx * ConsoleConfig.SCALE_BAR_MAX_WIDTH_PX);
        double widthPx = distanceM / metresPerPx;
        double left = 14;
        double bottom = viewport.heightPx() - 14;
        gc.setFill(colours.halo());
        gc.fillRect(left - 6, bottom - 22, widthPx + 12, 28);
        gc.setStroke(colours.text());
        gc.setLineWidth(2.0);
        gc.setLineCap(StrokeLineCap.BUTT);
        gc.strokeLine(left, bottom, left + widthPx, bottom);
        gc.strokeLine(left, bottom - 6, left, bottom);
        gc.strokeLine(left + widthPx, bottom - 6, left + widthPx, bottom);
        gc.setFill(colours.text());
        gc.setFont(SMALL_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.fillText(Formats.distance(distanceM), left + widthPx / 2, bottom - 5);
    }

    private void drawLegend(GraphicsContext gc) {
        double x = gc.getCanvas().getWidth() - 104;
        double y = 10;
        int rows = LEGEND.size() + 2;
        gc.setFill(colours.halo());
        gc.fillRoundRect(x - 8, y - 4, 100, 20 * rows + 8, 8, 8);
        int row = 0;
        for (VehicleStatus status : LEGEND) {
            double centreY = y + 10 + 20 * row++;
            VehicleMarker.draw(gc, x + 8, centreY, 6, 0.0, status, false, colours);
            drawLegendText(gc, x, centreY, status.label());
        }
        double staleY = y + 10 + 20 * row++;
        VehicleMarker.draw(gc, x + 8, staleY, 6, 0.0, VehicleStatus.STOPPED, true, colours);
        drawLegendText(gc, x, staleY, "stale");
        double clusterY = y + 10 + 20 * row;
        gc.setFill(Palette.status(VehicleStatus.OFFLINE));
        gc.fillOval(x + 1, clusterY - 7, 14, 14);
        gc.setFill(Color.WHITE);
        gc.setFont(SMALL_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.fillText("3", x + 8, clusterY);
        drawLegendText(gc, x, clusterY, "cluster");
    }

    private void drawLegendText(GraphicsContext gc, double x, double centreY, String text) {
        gc.setFill(colours.text());
        gc.setFont(SMALL_FONT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(text, x + 22, centreY);
    }

    private void drawAttribution(GraphicsContext gc, MapViewport viewport, String text) {
        gc.setFont(SMALL_FONT);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.BOTTOM);
        double right = viewport.widthPx() - 4;
        double bottom = viewport.heightPx() - 3;
        double widthPx = attributionWidthPx(text) + 8;
        gc.setFill(colours.halo());
        gc.fillRect(right - widthPx, bottom - 14, widthPx + 4, 17);
        gc.setFill(colours.text());
        gc.fillText(text, right, bottom);
    }

    private double attributionWidthPx(String text) {
        if (!text.equals(measuredAttribution)) {
            Text probe = new Text(text);
            probe.setFont(SMALL_FONT);
            measuredAttributionPx = probe.getLayoutBounds().getWidth();
            measuredAttribution = text;
        }
        return measuredAttributionPx;
    }

    private void drawCentredText(GraphicsContext gc, MapViewport viewport, String text) {
        gc.setFill(colours.gridLabel());
        gc.setFont(LABEL_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(text, viewport.widthPx() / 2, viewport.heightPx() / 2);
    }
}
