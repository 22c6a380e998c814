package org.fleettracker.simulator.internal;

import org.fleettracker.simulator.internal.motion.MotionFix;

import java.time.Duration;
import java.time.Instant;

/** A fix to send {@code sendOffset} after the run starts, measured at {@code fixTime}. */
public record PlannedFix(Duration sendOffset, Instant fixTime, MotionFix fix) {

    /**
     * Returns the fix measured {@code offset} after {@code start} on a clock that runs {@code speedup} times faster
     * than the wall clock, so it is sent after {@code offset} divided by {@code speedup}.
     */
    public static PlannedFix spedUp(Duration offset, Instant start, double speedup, MotionFix fix) {
        Duration sendOffset = speedup == 1 ? offset : Duration.ofNanos(Math.round(offset.toNanos() / speedup));
        return new PlannedFix(sendOffset, start.plus(offset), fix);
    }
}
