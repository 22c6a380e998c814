package org.fleettracker.tracker.internal.dispatch;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.tracker.internal.fleet.RuleOutcome;
import org.fleettracker.tracker.internal.storage.CommandStatus;
import org.fleettracker.tracker.internal.storage.EventStore;
import org.fleettracker.tracker.internal.storage.StoredCommand;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Builds and stores the {@code command-updated} events of the command flow. Stateless. */
final class CommandEvents {

    static final String COMMAND_UPDATED = "command-updated";

    private final EventStore events = new EventStore();

    /**
     * Stores a {@code command-updated} event for the command's step in the open transaction.
     *
     * @return the event and its fleet, to publish after the commit
     */
    RuleOutcome.RaisedEvent stored(
            Connection connection, StoredCommand command, CommandStatus status, @Nullable String reason, Instant now)
            throws SQLException {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("commandId", command.command().commandId());
        attributes.put("status", status.code());
        attributes.put("type", command.command().type().code());
        if (command.jobId() != null) {
            attributes.put("jobId", command.jobId());
        }
        if (reason != null) {
            attributes.put("reason", reason);
        }
        boolean failed = status == CommandStatus.REJECTED || status == CommandStatus.EXPIRED;
        FleetEvent event = new FleetEvent(
                UUID.randomUUID().toString(),
                COMMAND_UPDATED,
                command.vehicleId(),
                now,
                failed ? EventSeverity.WARNING : EventSeverity.INFO,
                false,
                attributes);
        events.insert(connection, command.fleetId(), event, now);
        return new RuleOutcome.RaisedEvent(command.fleetId(), event);
    }
}
