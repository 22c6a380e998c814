package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * A vehicle's answer to a {@link Command}, published on its command-acks topic.
 *
 * @param commandId the id of the command answered
 * @param vehicleId the answering vehicle, equal to the vehicle id in the topic
 * @param time when the vehicle reached {@code status}
 * @param reason why the vehicle rejected the command, at most {@link #MAX_REASON_CHARS} characters, or null
 */
public record CommandAck(
        String commandId, String vehicleId, CommandAckStatus status, Instant time, @Nullable String reason) {

    /** Maximum length of {@link #reason}, in characters (Unicode code points). */
    public static final int MAX_REASON_CHARS = 256;

    public CommandAck {
        Ids.requireValid("command id", commandId);
        Ids.requireValid("vehicle id", vehicleId);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(time, "time");
        if (reason != null) {
            Ranges.requireLength("reason", reason, 0, MAX_REASON_CHARS);
        }
    }

    /**
     * Reads an ack from a parsed JSON object; {@link Json#decode} calls it.
     *
     * @throws IllegalArgumentException when a field is missing or invalid
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CommandAck fromJson(JsonNode json) {
        JsonNode root = JsonFields.requireObject(json);
        String commandId = JsonFields.requiredId(root, "commandId");
        String vehicleId = JsonFields.requiredId(root, "vehicleId");
        CommandAckStatus status = JsonFields.requiredCode(root, "status", CommandAckStatus::fromCode);
        Instant time = JsonFields.requiredInstant(root, "time");
        String reason = JsonFields.optionalText(root, "reason");
        return JsonFields.construct(
                RejectReason.INVALID_FIELD, () -> new CommandAck(commandId, vehicleId, status, time, reason));
    }
}
