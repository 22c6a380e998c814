package org.fleettracker.tracker.internal.storage;

import java.util.Locale;

/** A mark the ingest rules put on a stored fix (docs/ingest.md); {@link #code()} is the value in the HTTP API. */
public enum PositionFlag {
    /** The fix time was a GPS week rollover, 1,024 weeks early, and was moved forward by 1,024 weeks. */
    TIME_CORRECTED,
    /** The fix implies an impossible speed from the vehicle's previous accepted fix; kept out of the state. */
    OUTLIER,
    /** The fix repeats the previous coordinates with a poor or unknown accuracy, as a stale receiver does. */
    LOW_CONFIDENCE;

    /** Returns the lower-case code, such as {@code outlier}; also the name of its column in {@code positions}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
