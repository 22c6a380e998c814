package org.fleettracker.broker.api;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** Outcome of {@link AccessTokens#verify(String)}. */
public sealed interface TokenVerification {

    /**
     * A token with a valid signature and claims.
     *
     * @param username the {@code sub} claim
     * @param expiresAt the {@code exp} claim; the token is accepted until this time plus the clock skew leeway
     * @param role the informational {@code role} claim, or null when absent
     */
    record Valid(String username, Instant expiresAt, @Nullable String role) implements TokenVerification {}

    /**
     * A rejected token.
     *
     * @param reason a short reason without the token, such as {@code token expired}, for logs and CONNACK
     */
    record Invalid(String reason) implements TokenVerification {}
}
