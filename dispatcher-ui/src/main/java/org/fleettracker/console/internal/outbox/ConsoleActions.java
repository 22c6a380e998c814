package org.fleettracker.console.internal.outbox;

import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.JobStop;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;

/**
 * What the dispatcher does from the console. Each call stores the action in the outbox on local disk before it
 * returns, then the outbox sends it to the tracker when it can, with an idempotency key chosen at the call so that
 * the tracker applies a repeat once.
 *
 * <p>Call it on the FX thread; it never blocks on the network.
 */
public interface ConsoleActions {

    /** Queues the acknowledgement of an alert, keyed by the alert's event id. */
    OutboxEntry acknowledgeAlert(String eventId, @Nullable String note);

    /** Queues a command to a vehicle with a new command id, which {@link OutboxEntry#key()} returns. */
    OutboxEntry sendCommand(String vehicleId, CommandType type, @Nullable String text, Map<String, String> parameters);

    /** Queues a job of {@code stops} for a vehicle with a new job id, which {@link OutboxEntry#key()} returns. */
    OutboxEntry createJob(String vehicleId, List<JobStop> stops);

    /**
     * Queues a {@code FAILED} entry again under the same key, for example after the dispatcher fixed what the tracker
     * rejected; returns the new pending entry, or null when no recent failed entry has {@code key}.
     */
    @Nullable
    OutboxEntry retry(String key);

    /** Returns the entries not yet confirmed, and the recent confirmed or failed ones, oldest first. */
    List<OutboxEntry> entries();

    /** Returns how many entries wait to be sent. */
    int pendingCount();
}
