package org.fleettracker.simulator.internal.motion;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How often a vehicle reports: every {@code movingInterval} while it moves, every {@code stoppedInterval} while it
 * is stopped, each wait spread at random by up to {@code jitterFraction} of itself in either direction.
 */
public record ReportSchedule(Duration movingInterval, Duration stoppedInterval, double jitterFraction) {

    public ReportSchedule {
        if (movingInterval.isNegative() || movingInterval.isZero() || stoppedInterval.compareTo(movingInterval) < 0) {
            throw new IllegalArgumentException(
                    "report intervals need 0 < moving " + movingInterval + " <= stopped " + stoppedInterval);
        }
        if (!(jitterFraction >= 0 && jitterFraction < 1)) {
            throw new IllegalArgumentException(
                    "report jitter fraction " + jitterFraction + " is not from 0 to below 1");
        }
    }

    /** Returns the wait before the next report of a vehicle that is moving or not. */
    public Duration next(boolean moving, SplittableRandom random) {
        Duration base = moving ? movingInterval : stoppedInterval;
        double factor = 1 + jitterFraction * (random.nextDouble() * 2 - 1);
        return Duration.ofNanos(Math.max(1, Math.round(base.toNanos() * factor)));
    }
}
