package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Command;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A command as stored, with every step of its flow.
 *
 * @param jobId the job an {@code assign-job} or {@code cancel-job} command is about, or null
 * @param reason why the vehicle rejected the command, or why it expired, or null
 * @param requestHash hash of the HTTP request that created the command, to recognise a repeated request
 * @param steps the steps reached so far, in order of time
 */
public record StoredCommand(
        Command command,
        String fleetId,
        String vehicleId,
        @Nullable String jobId,
        CommandStatus status,
        @Nullable String reason,
        Instant updatedTime,
        String requestHash,
        List<Step> steps) {

    public StoredCommand {
        steps = List.copyOf(steps);
    }

    /** One step of the flow and when the command reached it. */
    public record Step(CommandStatus status, Instant time, @Nullable String reason) {}
}
