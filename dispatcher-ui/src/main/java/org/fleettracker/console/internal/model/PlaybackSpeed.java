package org.fleettracker.console.internal.model;

/** How much faster than real time a history playback runs. */
public enum PlaybackSpeed {
    X1(1),
    X10(10),
    X60(60),
    X300(300);

    private final int factor;

    PlaybackSpeed(int factor) {
        this.factor = factor;
    }

    /** Returns the seconds of history replayed per second of wall-clock time. */
    public int factor() {
        return factor;
    }

    /** Returns the label for the screen, such as {@code 60x}. */
    public String label() {
        return factor + "x";
    }
}
