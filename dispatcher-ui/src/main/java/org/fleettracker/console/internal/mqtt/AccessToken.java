package org.fleettracker.console.internal.mqtt;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token from the tracker's HTTP API.
 *
 * @param token the JWT, sent as the MQTT password; {@link #toString()} hides it
 * @param expiresAt when the broker stops accepting it
 * @param lifetime how long it was valid when it was received
 * @param receivedAt when the console received it, by the console's clock, so that clock skew to the tracker does
 *     not move the refresh
 */
record AccessToken(String token, Instant expiresAt, Duration lifetime, Instant receivedAt) {

    /** Returns when to replace the token: after {@code refreshFraction} of its lifetime since it was received. */
    Instant refreshAt(double refreshFraction) {
        long delayMs = Math.round(lifetime.toMillis() * refreshFraction);
        return receivedAt.plusMillis(delayMs);
    }

    @Override
    public String toString() {
        return "AccessToken[token=***, expiresAt=" + expiresAt + ", lifetime=" + lifetime + ", receivedAt=" + receivedAt
                + "]";
    }
}
