package org.fleettracker.tracker.internal.dispatch;

import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Job;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client's request to send a command to one vehicle.
 *
 * @param commandId the id the client chose, which makes a repeated request idempotent, or null for a new id
 * @param expiresTime when the vehicle should stop acting on the command, or null
 * @param job the job of an {@code assign-job} command, or null
 */
public record CommandRequest(
        @Nullable String commandId,
        CommandType type,
        @Nullable String text,
        Map<String, String> parameters,
        @Nullable Instant expiresTime,
        @Nullable Job job) {

    public CommandRequest {
        parameters = Map.copyOf(parameters);
    }

    /** Returns the request's content without its id, in a fixed order, to compare a repeated request with. */
    Fingerprint fingerprint(String vehicleId) {
        return new Fingerprint(vehicleId, type.code(), text, new TreeMap<>(parameters), expiresTime, job);
    }

    /** The fields that must match for a repeated request to count as the same. */
    record Fingerprint(
            String vehicleId,
            String type,
            @Nullable String text,
            TreeMap<String, String> parameters,
            @Nullable Instant expiresTime,
            @Nullable Job job) {}
}
