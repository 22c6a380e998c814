package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.Theme;
import org.fleettracker.console.internal.model.VehicleStatus;

import javafx.scene.paint.Color;

/**
 * Colours shared by the map, the table and the status bar; console.css repeats the status colours.
 *
 * <p>Status colours are the same in both themes, so a vehicle keeps its colour when the dispatcher switches.
 */
final class Palette {

    private static final Color[] STATUS = new Color[VehicleStatus.values().length];
    private static final Color[] POINTER = new Color[STATUS.length];
    private static final Color[] TRAIL = new Color[STATUS.length];

    static {
        for (VehicleStatus status : VehicleStatus.values()) {
            Color colour = Color.web(statusHex(status));
            STATUS[status.ordinal()] = colour;
            POINTER[status.ordinal()] = colour.darker();
            TRAIL[status.ordinal()] = colour.deriveColor(0, 1, 1, 0.55);
        }
    }

    private static final MapColours LIGHT = new MapColours(
            Color.web("#eef1f4"),
            Color.web("#d3d9df"),
            Color.web("#8a96a3"),
            Color.web("#1f2933"),
            Color.web("#ffffff", 0.85),
            Color.web("#1d6fd8"),
            Color.web("#c4c9ce"),
            Color.web("#7b848c"),
            Color.WHITE,
            Color.TRANSPARENT,
            Color.web("#7b848c", 0.55));

    private static final MapColours DARK = new MapColours(
            Color.web("#1b2027"),
            Color.web("#2c343e"),
            Color.web("#6d7a88"),
            Color.web("#e4e8ec"),
            Color.web("#11151a", 0.85),
            Color.web("#5aa2ff"),
            Color.web("#59616a"),
            Color.web("#9aa3ad"),
            Color.web("#11151a"),
            // Raster tiles are drawn for a light page; dimming them keeps the dark theme dark.
            Color.web("#0b0e12", 0.45),
            Color.web("#9aa3ad", 0.55));

    static final Color STOP_PICKUP = Color.web("#1d6fd8");
    static final Color STOP_DROP_OFF = Color.web("#8e44ad");
    static final Color STOP_DONE = Color.web("#7b848c");
    static final Color PLAYBACK_PATH = Color.web("#5b6b7b");
    static final Color PLAYBACK_PASSED = Color.web("#d35400");

    private Palette() {}

    static Color status(VehicleStatus status) {
        return STATUS[status.ordinal()];
    }

    /** Returns the darker shade of the heading pointer of a moving marker. */
    static Color pointer(VehicleStatus status) {
        return POINTER[status.ordinal()];
    }

    /** Returns the translucent trail colour of a vehicle with {@code status}. */
    static Color trail(VehicleStatus status) {
        return TRAIL[status.ordinal()];
    }

    static MapColours map(Theme theme) {
        return switch (theme) {
            case LIGHT -> LIGHT;
            case DARK -> DARK;
        };
    }

    static Color connection(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> status(VehicleStatus.MOVING);
            case CONNECTING, RECONNECTING -> status(VehicleStatus.STOPPED);
            case DISCONNECTED, REFUSED -> status(VehicleStatus.OFFLINE);
            case CLOSED -> status(VehicleStatus.NO_FIX);
        };
    }

    private static String statusHex(VehicleStatus status) {
        return switch (status) {
            case MOVING -> "#1e9e4a";
            case STOPPED -> "#e08a00";
            case IDLE -> "#8a4fbf";
            case OFFLINE -> "#c0392b";
            case NO_FIX -> "#7b848c";
        };
    }

    /**
     * Colours of the map in one theme.
     *
     * @param halo backdrop of labels, the legend and the scale bar, so they stay readable over tiles
     * @param tileDim wash drawn over the raster tiles, transparent when the tiles stay as they are
     * @param staleTrail trail colour of a stale vehicle
     */
    record MapColours(
            Color background,
            Color grid,
            Color gridLabel,
            Color text,
            Color halo,
            Color selection,
            Color staleFill,
            Color staleHatch,
            Color markerOutline,
            Color tileDim,
            Color staleTrail) {}
}
