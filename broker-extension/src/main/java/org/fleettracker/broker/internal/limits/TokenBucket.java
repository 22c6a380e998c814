package org.fleettracker.broker.internal.limits;

import org.fleettracker.broker.api.PublishRateLimit;

/** A token bucket for one client's PUBLISH packets; see {@link PublishRateLimit}. Not thread-safe. */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double tokensPerNano;
    private final double capacity;
    private double tokens;
    private long refilledAtNanos;

    TokenBucket(PublishRateLimit limit, long nowNanos) {
        this.tokensPerNano = limit.messagesPerSecond() / NANOS_PER_SECOND;
        this.capacity = limit.burst();
        this.tokens = capacity;
        this.refilledAtNanos = nowNanos;
    }

    /** Takes one token if there is one; {@code nowNanos} comes from {@link System#nanoTime()}. */
    boolean tryTake(long nowNanos) {
        long elapsedNanos = nowNanos - refilledAtNanos;
        if (elapsedNanos > 0) {
            tokens = Math.min(capacity, tokens + elapsedNanos * tokensPerNano);
            refilledAtNanos = nowNanos;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
