package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A request to one vehicle, published on that vehicle's commands topic by a dispatcher or the tracker.
 *
 * <p>The vehicle answers on its command-acks topic with {@link CommandAck}s that carry the same {@code commandId}.
 *
 * @param commandId id chosen by the sender, unique per vehicle, following the {@link Ids} rules
 * @param issuedBy user name of the sender, following the {@link Ids} rules
 * @param expiresTime when the vehicle should stop acting on the command, or null when it does not expire
 * @param text message for the driver, at most {@link #MAX_TEXT_CHARS} characters, or null
 * @param parameters up to 16 entries whose keys follow the {@link Ids} rules and whose values have at most 256
 *     characters; empty when the command has none, and then left out of the JSON
 * @param job the job of an {@link CommandType#ASSIGN_JOB} command, or null; other types must not carry one
 */
public record Command(
        String commandId,
        CommandType type,
        Instant issuedTime,
        @Nullable Instant expiresTime,
        String issuedBy,
        @Nullable String text,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> parameters,
        @Nullable Job job) {

    /** Maximum length of {@link #text}, in characters (Unicode code points). */
    public static final int MAX_TEXT_CHARS = 1_000;

    public Command {
        Ids.requireValid("command id", commandId);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(issuedTime, "issuedTime");
        Ids.requireValid("issuedBy", issuedBy);
        if (text != null) {
            Ranges.requireLength("text", text, 0, MAX_TEXT_CHARS);
        }
        parameters = TextMaps.requireValid("parameters", parameters);
        if (job != null && type != CommandType.ASSIGN_JOB) {
            throw new IllegalArgumentException(
                    "command '" + commandId + "' of type " + type.code() + " must not carry a job");
        }
    }

    /** Creates a command without a job. */
    public Command(
            String commandId,
            CommandType type,
            Instant issuedTime,
            @Nullable Instant expiresTime,
            String issuedBy,
            @Nullable String text,
            Map<String, String> parameters) {
        this(commandId, type, issuedTime, expiresTime, issuedBy, text, parameters, null);
    }

    /** Creates a command without expiry, text or parameters. */
    public static Command of(String commandId, CommandType type, Instant issuedTime, String issuedBy) {
        return new Command(commandId, type, issuedTime, null, issuedBy, null, Map.of());
    }

    /**
     * Reads a command from a parsed JSON object; {@link Json#decode} calls it.
     *
     * @throws IllegalArgumentException when a field is missing or invalid
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Command fromJson(JsonNode json) {
        JsonNode root = JsonFields.requireObject(json);
        String commandId = JsonFields.requiredId(root, "commandId");
        CommandType type = JsonFields.requiredCode(root, "type", CommandType::fromCode);
        Instant issuedTime = JsonFields.requiredInstant(root, "issuedTime");
        Instant expiresTime = JsonFields.optionalInstant(root, "expiresTime");
        String issuedBy = JsonFields.requiredId(root, "issuedBy");
        String text = JsonFields.optionalText(root, "text");
        Map<String, String> parameters = JsonFields.optionalTextMap(root, "parameters");
        Job job = root.hasNonNull("job") ? Job.fromJson(root.get("job")) : null;
        return JsonFields.construct(
                RejectReason.INVALID_FIELD,
                () -> new Command(commandId, type, issuedTime, expiresTime, issuedBy, text, parameters, job));
    }
}
