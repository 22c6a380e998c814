package org.fleettracker.tracker.internal.metrics;

import java.util.Locale;

/** Reason a fix was not stored again; {@link #code()} is the {@code kind} tag of the duplicates counter. */
public enum DuplicateKind {
    /** A fix with the (vehicle id, seq) of a stored fix, such as a redelivery. */
    SEQ,
    /** A fix with the (vehicle id, fix time, latitude, longitude) of a stored fix but another seq. */
    FIX;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
