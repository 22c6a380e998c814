package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.VehicleStatus;
import org.jspecify.annotations.Nullable;

import java.util.Locale;

/** A choice of the vehicle table's status filter: one shown status, or stale data whatever the status. */
enum StatusFilter {
    MOVING,
    IDLE,
    STOPPED,
    OFFLINE,
    NO_FIX,
    STALE;

    /** Returns the lower-case words shown in the filter and the counts, such as {@code no fix}. */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Returns whether a vehicle with {@code status}, stale or not, passes this filter. */
    boolean matches(VehicleStatus status, boolean stale) {
        return this == STALE ? stale : this == of(status);
    }

    /**
     * Returns the filter of a shown status. The constants are named after {@link VehicleStatus}'s, so IDLE matches
     * as soon as the model reports it; until then an idling vehicle shows as stopped.
     */
    static StatusFilter of(VehicleStatus status) {
        return valueOf(status.name());
    }

    /** Returns the filter whose {@link #label()} is {@code label}, or null for any other text such as "all". */
    static @Nullable StatusFilter fromLabel(@Nullable String label) {
        for (StatusFilter filter : values()) {
            if (filter.label().equals(label)) {
                return filter;
            }
        }
        return null;
    }
}
