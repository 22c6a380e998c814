package org.fleettracker.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * One place of a {@link Job} that the vehicle must reach.
 *
 * @param stopId id of the stop, unique within its job, following the {@link Ids} rules
 * @param name label for the driver and the dispatcher, at most {@link #MAX_NAME_CHARS} characters
 * @param radiusM the vehicle has arrived when it is within this distance of the location, in metres, from
 *     {@link #MIN_RADIUS_M} to {@link #MAX_RADIUS_M}
 * @param windowStart earliest time the stop should be reached, or null when there is none
 * @param windowEnd latest time the stop should be reached, later than {@code windowStart}, or null when there is none
 */
public record JobStop(
        String stopId,
        JobStopKind kind,
        String name,
        double latitudeDeg,
        double longitudeDeg,
        double radiusM,
        @Nullable Instant windowStart,
        @Nullable Instant windowEnd) {

    /** Maximum length of {@link #name}, in characters (Unicode code points). */
    public static final int MAX_NAME_CHARS = 100;

    /** Smallest stop radius, in metres; a chosen limit, because smaller circles are close to the error of a GPS fix. */
    public static final double MIN_RADIUS_M = 5;

    /** Largest stop radius, in metres. */
    public static final double MAX_RADIUS_M = 10_000;

    public JobStop {
        Ids.requireValid("stop id", stopId);
        Objects.requireNonNull(kind, "kind");
        Ranges.requireLength("name", name, 0, MAX_NAME_CHARS);
        Ranges.requireRange("latitudeDeg", latitudeDeg, -90, 90);
        Ranges.requireRange("longitudeDeg", longitudeDeg, -180, 180);
        Ranges.requireRange("radiusM", radiusM, MIN_RADIUS_M, MAX_RADIUS_M);
        if (windowStart != null && windowEnd != null && !windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException(
                    "windowEnd " + windowEnd + " of stop '" + stopId + "' is not after windowStart " + windowStart);
        }
    }

    /** Reads a stop nested in a job; {@link Job#fromJson} calls it. */
    static JobStop fromJson(JsonNode json) {
        JsonNode root = JsonFields.requireObject(json);
        String stopId = JsonFields.requiredId(root, "stopId");
        JobStopKind kind = JsonFields.requiredCode(root, "kind", JobStopKind::fromCode);
        String name = JsonFields.requiredText(root, "name");
        double latitudeDeg = JsonFields.requiredNumber(root, "latitudeDeg");
        double longitudeDeg = JsonFields.requiredNumber(root, "longitudeDeg");
        double radiusM = JsonFields.requiredNumber(root, "radiusM");
        Instant windowStart = JsonFields.optionalInstant(root, "windowStart");
        Instant windowEnd = JsonFields.optionalInstant(root, "windowEnd");
        return JsonFields.construct(
                RejectReason.OUT_OF_RANGE,
                () -> new JobStop(stopId, kind, name, latitudeDeg, longitudeDeg, radiusM, windowStart, windowEnd));
    }
}
