package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * One rejected input, published on the fleet's rejects topic.
 *
 * <p>The ids are not checked against the {@link Ids} rules, because a reject of an invalid topic carries the topic
 * levels as they came.
 *
 * @param fleetId the fleet named by the topic
 * @param vehicleId the vehicle named by the topic, or null when the topic names none
 * @param payloadExcerpt the start of the payload as UTF-8 text, at most {@link #MAX_EXCERPT_CHARS} characters
 */
public record Reject(
        String fleetId,
        @Nullable String vehicleId,
        String topic,
        RejectReason reason,
        String detail,
        Instant receivedTime,
        String payloadExcerpt) {

    /** Maximum length of {@link #payloadExcerpt}, in characters (Unicode code points). */
    public static final int MAX_EXCERPT_CHARS = 256;

    public Reject {
        Objects.requireNonNull(fleetId, "fleetId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(receivedTime, "receivedTime");
        Ranges.requireLength("payloadExcerpt", payloadExcerpt, 0, MAX_EXCERPT_CHARS);
    }

    /**
     * Reads a reject from a parsed JSON object; {@link Json#decode} calls it.
     *
     * @throws IllegalArgumentException when a field is missing or invalid
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Reject fromJson(JsonNode json) {
        JsonNode root = JsonFields.requireObject(json);
        String fleetId = JsonFields.requiredText(root, "fleetId");
        String vehicleId = JsonFields.optionalText(root, "vehicleId");
        String topic = JsonFields.requiredText(root, "topic");
        RejectReason reason = JsonFields.requiredCode(root, "reason", RejectReason::fromCode);
        String detail = JsonFields.requiredText(root, "detail");
        Instant receivedTime = JsonFields.requiredInstant(root, "receivedTime");
        String payloadExcerpt = JsonFields.requiredText(root, "payloadExcerpt");
        return JsonFields.construct(
                RejectReason.INVALID_FIELD,
                () -> new Reject(fleetId, vehicleId, topic, reason, detail, receivedTime, payloadExcerpt));
    }
}
