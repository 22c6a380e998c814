package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.internal.model.VehicleStatus;

import javafx.scene.paint.Color;

/** Colours shared by the map, the table and the status bar; console.css repeats the status colours. */
final class Palette {

    static final Color BACKGROUND = Color.web("#eef1f4");
    static final Color GRID = Color.web("#d3d9df");
    static final Color GRID_LABEL = Color.web("#8a96a3");
    static final Color TEXT = Color.web("#1f2933");
    static final Color HALO = Color.web("#ffffff", 0.85);
    static final Color SELECTION = Color.web("#1d6fd8");
    static final Color STALE_FILL = Color.web("#c4c9ce");
    static final Color STALE_HATCH = Color.web("#7b848c");
    static final Color MARKER_OUTLINE = Color.WHITE;
    static final Color STOP_PICKUP = Color.web("#1d6fd8");
    static final Color STOP_DROP_OFF = Color.web("#8e44ad");
    static final Color STOP_DONE = Color.web("#7b848c");
    static final Color PLAYBACK_PATH = Color.web("#5b6b7b");
    static final Color PLAYBACK_PASSED = Color.web("#d35400");

    private Palette() {}

    static Color status(VehicleStatus status) {
        return switch (status) {
            case MOVING -> Color.web("#1e9e4a");
            case STOPPED -> Color.web("#e08a00");
            case OFFLINE -> Color.web("#c0392b");
            case NO_FIX -> Color.web("#7b848c");
        };
    }

    static Color connection(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> Color.web("#1e9e4a");
            case CONNECTING, RECONNECTING -> Color.web("#e08a00");
            case DISCONNECTED, REFUSED -> Color.web("#c0392b");
            case CLOSED -> Color.web("#7b848c");
        };
    }
}
