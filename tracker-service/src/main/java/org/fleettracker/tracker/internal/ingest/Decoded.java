package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Reject;
import org.fleettracker.tracker.internal.metrics.DuplicateKind;
import org.fleettracker.tracker.internal.storage.StoredPosition;

/**
 * One inbound message after decoding: a fix, a presence change, a command ack, a fleet event, a reject, a
 * duplicate, or nothing to do.
 */
sealed interface Decoded {

    InboundMessage message();

    /** A valid fix from a telemetry topic. */
    record Fix(InboundMessage message, StoredPosition position) implements Decoded {}

    /** A valid presence payload from a presence topic. */
    record PresenceChange(InboundMessage message, String fleetId, String vehicleId, boolean online)
            implements Decoded {}

    /** A fleet event to publish on the fleet's events topic once the batch is committed, such as a transition. */
    record Event(InboundMessage message, String fleetId, FleetEvent event) implements Decoded {}

    /** A valid command ack from a command-acks topic. */
    record CommandAckReceived(InboundMessage message, String fleetId, String vehicleId, CommandAck ack)
            implements Decoded {}

    /** An input that breaks the contract. */
    record Rejected(InboundMessage message, Reject reject) implements Decoded {}

    /** A fix that is already stored, by (vehicle, seq) or by (vehicle, fix time, latitude, longitude). */
    record Duplicate(InboundMessage message, DuplicateKind kind) implements Decoded {}

    /** A message that needs no work, such as the empty payload that clears a retained presence. */
    record Ignored(InboundMessage message) implements Decoded {}
}
