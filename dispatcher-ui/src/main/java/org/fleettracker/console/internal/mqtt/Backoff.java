package org.fleettracker.console.internal.mqtt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the ceiling starts at the minimum delay and doubles after each failure up to
 * the maximum; each delay is drawn between half the ceiling and the ceiling, so many consoles that lost the same
 * broker do not reconnect in step. Not thread safe.
 */
public final class Backoff {

    private final long minDelayMs;
    private final long maxDelayMs;
    private final DoubleSupplier random;
    private int failures;

    public Backoff(Duration minDelay, Duration maxDelay) {
        this(minDelay, maxDelay, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code random} returns values in [0, 1). */
    Backoff(Duration minDelay, Duration maxDelay, DoubleSupplier random) {
        if (minDelay.isNegative() || minDelay.isZero() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException(
                    "backoff needs 0 < minimum <= maximum, got " + minDelay + " and " + maxDelay);
        }
        this.minDelayMs = minDelay.toMillis();
        this.maxDelayMs = maxDelay.toMillis();
        this.random = random;
    }

    /** Returns the delay before the next attempt and raises the ceiling for the one after. */
    public Duration nextDelay() {
        long ceilingMs = minDelayMs;
        for (int i = 0; i < failures && ceilingMs < maxDelayMs; i++) {
            ceilingMs *= 2;
        }
        ceilingMs = Math.min(ceilingMs, maxDelayMs);
        failures++;
        long halfMs = ceilingMs / 2;
        return Duration.ofMillis(ceilingMs - halfMs + (long) (random.getAsDouble() * halfMs));
    }

    /** Starts again from the minimum delay, after a successful connection. */
    public void reset() {
        failures = 0;
    }
}
