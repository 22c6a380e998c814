package org.fleettracker.simulator.internal;

import org.jspecify.annotations.Nullable;

/** The fixes of one vehicle in send order. Called by one thread at a time. */
public interface FixFeed {

    /** Returns the next fix, or null when the vehicle has no more; send offsets never decrease. */
    @Nullable
    PlannedFix next();
}
