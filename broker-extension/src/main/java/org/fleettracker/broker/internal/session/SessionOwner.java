package org.fleettracker.broker.internal.session;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Optional;

/**
 * The user who owns the broker session of one client id.
 *
 * @param username the user who connected with the client id last while allowed
 * @param account the permissions of that user's account when it connected, from {@link AccountKey#of}; a session
 *     whose account changed since must not be resumed, because its subscriptions were granted to the old account
 * @param sessionExpiryS the session expiry interval of that connection in seconds; {@link #NEVER_EXPIRES} or more
 *     means the session does not expire
 * @param disconnectedAt when that connection ended, or null while it is connected
 */
public record SessionOwner(String username, String account, long sessionExpiryS, @Nullable Instant disconnectedAt) {

    /** The MQTT 5 session expiry interval that means "never expires", 0xFFFFFFFF seconds. */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    public SessionOwner {
        if (sessionExpiryS < 0) {
            throw new IllegalArgumentException("session expiry must not be negative, but is " + sessionExpiryS);
        }
    }

    /** Returns when the session expires, or empty while it is connected or when it never expires. */
    public Optional<Instant> expiresAt() {
        if (disconnectedAt == null || sessionExpiryS >= NEVER_EXPIRES) {
            return Optional.empty();
        }
        return Optional.of(disconnectedAt.plusSeconds(sessionExpiryS));
    }

    /** Returns whether the session expired before {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt().map(expiry -> expiry.isBefore(now)).orElse(false);
    }

    /** Returns this owner as disconnected at {@code time}, with a session expiry interval of {@code expiryS}. */
    public SessionOwner disconnected(Instant time, long expiryS) {
        return new SessionOwner(username, account, expiryS, time);
    }
}
