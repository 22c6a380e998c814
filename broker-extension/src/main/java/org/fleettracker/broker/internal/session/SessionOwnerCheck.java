package org.fleettracker.broker.internal.session;

import com.hivemq.extension.sdk.api.services.session.SessionInformation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Decides whether an authenticated CONNECT may resume the broker session of its client id. HiveMQ hands a stored
 * session, with its subscriptions and queued messages, to any client that connects with its client id and clean start
 * off, so this check keeps every user but the owner out of a session. Thread-safe.
 *
 * <p>The rules, for a CONNECT with clean start off:
 *
 * <ul>
 *   <li>the owner, with the account it had when it last connected, resumes its session;
 *   <li>anyone may connect when the broker has no session for the client id, and becomes the owner;
 *   <li>another user, or the owner after its account's permissions changed, is rejected;
 *   <li>a session without a recorded owner is rejected too, unless {@link SessionOwners#adoptsUnownedSessions()}.
 * </ul>
 *
 * <p>A CONNECT with clean start on is always allowed here, because HiveMQ discards the old session before the client
 * gets any of it; that connection's user then owns the new session.
 */
public final class SessionOwnerCheck {

    private static final Logger log = LoggerFactory.getLogger(SessionOwnerCheck.class);

    private final SessionOwners owners;
    private final Function<String, CompletableFuture<Optional<SessionInformation>>> sessionLookup;
    private final Duration lookupTimeout;

    /**
     * @param sessionLookup HiveMQ's session lookup, {@code Services.clientService()::getSession}
     * @param lookupTimeout maximum wait for the lookup; a lookup that fails or times out counts as "session exists"
     */
    public SessionOwnerCheck(
            SessionOwners owners,
            Function<String, CompletableFuture<Optional<SessionInformation>>> sessionLookup,
            Duration lookupTimeout) {
        this.owners = owners;
        this.sessionLookup = sessionLookup;
        this.lookupTimeout = lookupTimeout;
    }

    /** Outcome of {@link #check}: a null {@code rejection} means allowed. */
    public record Verdict(@Nullable String rejection, @Nullable String owner) {

        static Verdict allowed() {
            return new Verdict(null, null);
        }

        static Verdict rejected(String reason, @Nullable String owner) {
            return new Verdict(reason, owner);
        }

        public boolean isAllowed() {
            return rejection == null;
        }
    }

    /**
     * Checks a CONNECT of {@code username}, whose account is described by {@code account} ({@link AccountKey#of}). May
     * block for up to the lookup timeout, so call it on the extension executor, never on a HiveMQ network thread.
     */
    public Verdict check(String clientId, String username, String account, boolean cleanStart) {
        if (cleanStart) {
            return Verdict.allowed();
        }
        Optional<SessionOwner> owner = owners.owner(clientId);
        if (owner.isPresent()
                && owner.get().username().equals(username)
                && owner.get().account().equals(account)) {
            return Verdict.allowed();
        }
        // TODO: two users who connect with one client id at the same moment can both pass before either is recorded.
        if (!sessionExists(clientId)) {
            return Verdict.allowed();
        }
        if (owner.isEmpty()) {
            return owners.adoptsUnownedSessions()
                    ? Verdict.allowed()
                    : Verdict.rejected(
                            "The session of client id '" + clientId
                                    + "' has no recorded owner; connect with clean start on to replace it",
                            null);
        }
        String ownerName = owner.get().username();
        if (!ownerName.equals(username)) {
            return Verdict.rejected(
                    "The session of client id '" + clientId
                            + "' belongs to another user; connect with clean start on or choose another client id",
                    ownerName);
        }
        return Verdict.rejected(
                "The permissions of user '" + username + "' changed since the session of client id '" + clientId
                        + "' was created; connect with clean start on to replace it",
                ownerName);
    }

    /** Returns whether HiveMQ stores a session for {@code clientId}; a failed or timed out lookup counts as yes. */
    private boolean sessionExists(String clientId) {
        try {
            return sessionLookup
                    .apply(clientId)
                    .get(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .isPresent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn(
                    "Looking up the session of client '{}' failed, so it counts as existing: {}",
                    clientId,
                    e.toString());
            return true;
        }
    }
}
