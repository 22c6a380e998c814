package org.fleettracker.simulator.internal.mqtt;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential reconnect backoff with jitter: the base delay starts at {@code initial}, doubles after every failed
 * attempt up to {@code max}, and each returned delay is the base delay scaled by a random factor from
 * {@code 1 - jitterFraction} to {@code 1 + jitterFraction}, never above {@code max}.
 *
 * <p>Not thread-safe; one vehicle link owns one instance.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double jitterFraction;
    private final RandomGenerator random;
    private Duration base;

    public Backoff(Duration initial, Duration max, double jitterFraction, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        if (!(jitterFraction >= 0 && jitterFraction < 1)) {
            throw new IllegalArgumentException("jitterFraction " + jitterFraction + " is out of range [0, 1)");
        }
        this.initial = initial;
        this.max = max;
        this.jitterFraction = jitterFraction;
        this.random = random;
        this.base = initial;
    }

    /** Returns the delay before the next attempt and doubles the base delay for the one after. */
    public Duration nextDelay() {
        double factor = 1 + jitterFraction * (2 * random.nextDouble() - 1);
        long delayNanos = Math.min(max.toNanos(), Math.round(base.toNanos() * factor));
        base = base.multipliedBy(2).compareTo(max) > 0 ? max : base.multipliedBy(2);
        return Duration.ofNanos(delayNanos);
    }

    /** Starts again from the initial delay, after a successful connect. */
    public void reset() {
        base = initial;
    }
}
