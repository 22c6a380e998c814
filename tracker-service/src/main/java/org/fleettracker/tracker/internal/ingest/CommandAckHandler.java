package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.tracker.internal.fleet.RuleOutcome;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Applies the command acks of a batch inside the batch's transaction. Called by the ingest thread only; the batch
 * is acknowledged to the broker only after the transaction commits, and a rolled-back batch is applied again.
 */
public interface CommandAckHandler {

    /** Handler that rejects every ack, for pipelines without a command flow. */
    CommandAckHandler NONE = (connection, fleetId, vehicleId, ack, now) ->
            AckOutcome.rejected(RejectReason.UNKNOWN_COMMAND, "this tracker does not send commands");

    /**
     * Applies one ack that arrived on the command-acks topic of {@code vehicleId} in {@code fleetId}. A repeated
     * ack changes nothing and returns no events.
     *
     * @throws SQLException when the database fails; the batch is rolled back and retried
     */
    AckOutcome apply(Connection connection, String fleetId, String vehicleId, CommandAck ack, Instant now)
            throws SQLException;

    /**
     * Tells the command flow that these vehicles announced themselves online in a committed batch, so that it can
     * send again what they may have missed while offline. Must not block the ingest thread.
     */
    default void vehiclesOnline(Collection<String> vehicleIds) {}

    /**
     * Result of applying one ack.
     *
     * @param events the stored {@code command-updated} events to publish after the commit
     * @param rejectReason why the ack is recorded as a reject, or null when it was applied or ignored as a repeat
     * @param rejectDetail the reject's detail, or null
     */
    record AckOutcome(
            List<RuleOutcome.RaisedEvent> events, @Nullable RejectReason rejectReason, @Nullable String rejectDetail) {

        public AckOutcome {
            events = List.copyOf(events);
        }

        public static AckOutcome applied(List<RuleOutcome.RaisedEvent> events) {
            return new AckOutcome(events, null, null);
        }

        public static AckOutcome rejected(RejectReason reason, String detail) {
            return new AckOutcome(List.of(), reason, detail);
        }
    }
}
