package org.fleettracker.console.internal.outbox;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One dispatcher action in the outbox.
 *
 * @param key the idempotency key: the alert's event id, the command id or the job id
 * @param kind what the action is
 * @param summary a short text for the screen, such as {@code message to van-1}
 * @param createdTime when the dispatcher took the action
 * @param status where the action is
 * @param detail why the tracker rejected it, or null
 */
public record OutboxEntry(
        String key,
        OutboxEntry.Kind kind,
        String summary,
        Instant createdTime,
        OutboxEntry.Status status,
        @Nullable String detail) {

    /** Kind of a dispatcher action. */
    public enum Kind {
        ALERT_ACKNOWLEDGEMENT,
        COMMAND,
        JOB
    }

    /** Delivery state of an action. */
    public enum Status {
        /** Stored on disk, not yet confirmed by the tracker. */
        PENDING,
        /** The tracker stored it (2xx), or already had it. */
        SENT,
        /** The tracker rejected it with a client error; it is not sent again. */
        FAILED
    }
}
