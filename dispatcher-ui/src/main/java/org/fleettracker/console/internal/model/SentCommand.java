package org.fleettracker.console.internal.model;

import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.protocol.api.CommandType;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Optional;

/**
 * A command sent from this console, as the dispatch tab lists it.
 *
 * @param commandId the command id, which is also the key of its outbox entry
 * @param text the message of a {@code message} command, or null
 * @param sentTime when the dispatcher sent it
 */
public record SentCommand(
        String commandId, String vehicleId, CommandType type, @Nullable String text, Instant sentTime) {

    /**
     * Returns where the command is: {@code pending (outbox)} or {@code failed: reason} from the outbox, else the
     * latest status from its {@code command-updated} events, such as {@code delivered}, else {@code sent}.
     *
     * <p>An event status wins over a pending outbox entry: the tracker sent the event, so it has the command even if
     * its HTTP response has not reached the outbox yet.
     */
    public static String statusText(OutboxEntry entry, Optional<String> eventStatus) {
        if (entry.status() == OutboxEntry.Status.FAILED) {
            String detail = entry.detail();
            return detail == null || detail.isBlank() ? "failed" : "failed: " + detail;
        }
        if (eventStatus.isPresent()) {
            return eventStatus.get();
        }
        return entry.status() == OutboxEntry.Status.PENDING ? "pending (outbox)" : "sent";
    }
}
