package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An immutable fact about a fleet or one of its vehicles, published on the fleet's events topic by the tracker.
 *
 * @param eventId id chosen by the tracker, unique per fleet, following the {@link Ids} rules
 * @param type lower-case words joined by hyphens, such as {@code geofence-entered}, {@code geofence-left},
 *     {@code overspeed}, {@code offline}, {@code trip-started}, {@code trip-ended} or {@code job-updated}; at most 64
 *     characters
 * @param vehicleId the vehicle the event is about, or null for an event about the whole fleet
 * @param time when the fact happened
 * @param severity how urgent the event is
 * @param alert whether the event stays open until a dispatcher acknowledges it
 * @param attributes details that depend on the type, up to 16 entries whose keys follow the {@link Ids} rules and
 *     whose values have at most 256 characters; empty when there are none, and then left out of the JSON
 */
public record FleetEvent(
        String eventId,
        String type,
        @Nullable String vehicleId,
        Instant time,
        EventSeverity severity,
        boolean alert,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> attributes) {

    /** Rule for {@link #type}: lower-case letters and digits in words joined by single hyphens. */
    public static final Pattern TYPE_PATTERN = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** Maximum length of {@link #type}, in characters. */
    public static final int MAX_TYPE_CHARS = 64;

    public FleetEvent {
        Ids.requireValid("event id", eventId);
        if (type.length() > MAX_TYPE_CHARS || !TYPE_PATTERN.matcher(type).matches()) {
            throw new IllegalArgumentException("event type '" + type + "' is invalid: use 1 to " + MAX_TYPE_CHARS
                    + " lower-case letters and digits in words joined by '-'");
        }
        if (vehicleId != null) {
            Ids.requireValid("vehicle id", vehicleId);
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(severity, "severity");
        attributes = TextMaps.requireValid("attributes", attributes);
    }

    /** Creates an {@code info} event that is not an alert. */
    public FleetEvent(
            String eventId, String type, @Nullable String vehicleId, Instant time, Map<String, String> attributes) {
        this(eventId, type, vehicleId, time, EventSeverity.INFO, false, attributes);
    }

    /**
     * Reads an event from a parsed JSON object; {@link Json#decode} calls it.
     *
     * @throws IllegalArgumentException when a field is missing or invalid
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FleetEvent fromJson(JsonNode json) {
        JsonNode root = JsonFields.requireObject(json);
        String eventId = JsonFields.requiredId(root, "eventId");
        String type = JsonFields.requiredText(root, "type");
        String vehicleId = JsonFields.optionalId(root, "vehicleId");
        Instant time = JsonFields.requiredInstant(root, "time");
        EventSeverity severity = JsonFields.requiredCode(root, "severity", EventSeverity::fromCode);
        boolean alert = JsonFields.requiredBoolean(root, "alert");
        Map<String, String> attributes = JsonFields.optionalTextMap(root, "attributes");
        return JsonFields.construct(
                RejectReason.INVALID_FIELD,
                () -> new FleetEvent(eventId, type, vehicleId, time, severity, alert, attributes));
    }
}
