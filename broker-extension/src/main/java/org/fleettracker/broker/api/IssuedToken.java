package org.fleettracker.broker.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A newly issued access token.
 *
 * @param token the signed JWT, to be sent as the MQTT password; {@link #toString()} hides it
 * @param username the {@code sub} claim
 * @param expiresAt the {@code exp} claim, a whole second
 */
public record IssuedToken(String token, String username, Instant expiresAt) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "IssuedToken[token=***, username=" + username + ", expiresAt=" + expiresAt + "]";
    }
}
