package org.fleettracker.broker.api;

/**
 * A token bucket for the PUBLISH packets of one client: the bucket contains at most {@code burst} tokens, refills at
 * {@code messagesPerSecond}, and each PUBLISH takes one token. A PUBLISH that finds the bucket empty is not delivered.
 *
 * @param messagesPerSecond sustained rate; {@link Double#POSITIVE_INFINITY} for no limit
 * @param burst PUBLISH packets a client may send at once after a quiet period; at least 1
 */
public record PublishRateLimit(double messagesPerSecond, int burst) {

    /** No limit. */
    public static final PublishRateLimit UNLIMITED = new PublishRateLimit(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

    public PublishRateLimit {
        if (Double.isNaN(messagesPerSecond) || messagesPerSecond <= 0) {
            throw new IllegalArgumentException(
                    "messagesPerSecond must be above 0 or infinite, got " + messagesPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
    }

    public boolean unlimited() {
        return Double.isInfinite(messagesPerSecond);
    }

    @Override
    public String toString() {
        return unlimited() ? "unlimited" : messagesPerSecond + " msg/s, burst " + burst;
    }
}
