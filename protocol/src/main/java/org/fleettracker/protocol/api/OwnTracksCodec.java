package org.fleettracker.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * Decodes the JSON payloads of the OwnTracks app in MQTT mode, with the same reject reasons as {@link TelemetryCodec}.
 *
 * <p>A {@code location} needs {@code lat}, {@code lon} and {@code tst} (epoch seconds); the fix gets
 * {@code seq} = {@code tst}, {@code vel} (km/h) as speed and {@code cog} as heading (0 when absent, and when -1, which
 * the app's location services use for "unknown"; 360 counts as 0), {@code alt}, {@code acc} and {@code batt}. A
 * {@code transition} needs {@code event} ({@code enter} or {@code leave}) and {@code tst}. A {@code lwt} needs
 * nothing else. Unknown fields are ignored. Thread-safe.
 */
public final class OwnTracksCodec {

    /**
     * First {@code tst} that is not taken as epoch seconds (in the year 5138): a larger value is most likely in
     * milliseconds, which the app never sends.
     */
    static final long MAX_EPOCH_SECONDS = 100_000_000_000L;

    /** Value of {@code vel} and {@code cog} that means "unknown". */
    private static final double UNKNOWN = -1;

    private OwnTracksCodec() {}

    /**
     * Decodes one payload.
     *
     * @param vehicleId the vehicle that the publishing device maps to, put into a location's fix
     */
    public static OwnTracksMessage decode(byte[] payload, String vehicleId) {
        try {
            JsonNode root = JsonFields.parseObject(payload);
            String type = JsonFields.requiredText(root, "_type");
            return switch (type) {
                case "location" -> new OwnTracksMessage.Location(location(root, vehicleId));
                case "lwt" -> new OwnTracksMessage.Lwt();
                case "transition" -> transition(root);
                default -> new OwnTracksMessage.Other(type);
            };
        } catch (InvalidPayloadException e) {
            return new OwnTracksMessage.Rejected(e.reason(), e.getMessage());
        }
    }

    private static Telemetry location(JsonNode root, String vehicleId) {
        // TODO: seq is tst in seconds, so a second location within the same second counts as a duplicate.
        long tst = epochSeconds(root);
        double latitudeDeg = JsonFields.requiredNumber(root, "lat");
        double longitudeDeg = JsonFields.requiredNumber(root, "lon");
        double speedKmh = knownOrZero(JsonFields.optionalNumber(root, "vel"));
        double headingDeg = knownOrZero(JsonFields.optionalNumber(root, "cog"));
        Double altitudeM = JsonFields.optionalNumber(root, "alt");
        Double accuracyM = JsonFields.optionalNumber(root, "acc");
        Double batteryPct = JsonFields.optionalNumber(root, "batt");
        if (latitudeDeg == 0 && longitudeDeg == 0) {
            throw new InvalidPayloadException(RejectReason.NO_FIX, "lat and lon are both 0, which is no fix");
        }
        return JsonFields.construct(
                RejectReason.OUT_OF_RANGE,
                () -> new Telemetry(
                        vehicleId,
                        tst,
                        Instant.ofEpochSecond(tst),
                        latitudeDeg,
                        longitudeDeg,
                        speedKmh,
                        headingDeg == 360 ? 0 : headingDeg,
                        altitudeM,
                        accuracyM,
                        null,
                        null,
                        batteryPct,
                        null));
    }

    private static OwnTracksMessage transition(JsonNode root) {
        String event = JsonFields.requiredText(root, "event");
        if (!"enter".equals(event) && !"leave".equals(event)) {
            return new OwnTracksMessage.Rejected(
                    RejectReason.INVALID_FIELD, "event must be enter or leave, got '" + shorten(event) + "'");
        }
        return new OwnTracksMessage.Transition(
                "enter".equals(event),
                Instant.ofEpochSecond(epochSeconds(root)),
                JsonFields.optionalText(root, "desc"),
                JsonFields.optionalText(root, "rid"),
                optionalInRange(root, "lat", -90, 90, "[-90, 90]"),
                optionalInRange(root, "lon", -180, 180, "[-180, 180]"),
                optionalInRange(root, "acc", 0, Double.MAX_VALUE, "0 or more"),
                JsonFields.optionalText(root, "t"));
    }

    /** Reads an optional number of a transition and rejects it outside [min, max], because no record checks it. */
    private static @Nullable Double optionalInRange(
            JsonNode root, String field, double min, double max, String rangeText) {
        Double value = JsonFields.optionalNumber(root, field);
        if (value != null && !(value >= min && value <= max)) {
            throw new InvalidPayloadException(
                    RejectReason.OUT_OF_RANGE, field + " " + value + " is out of range: " + rangeText);
        }
        return value;
    }

    private static long epochSeconds(JsonNode root) {
        long tst = JsonFields.requiredLong(root, "tst");
        if (tst < 0 || tst >= MAX_EPOCH_SECONDS) {
            throw new InvalidPayloadException(
                    RejectReason.OUT_OF_RANGE, "tst " + tst + " is not epoch seconds from 0 to " + MAX_EPOCH_SECONDS);
        }
        return tst;
    }

    private static double knownOrZero(@Nullable Double value) {
        return value == null || value == UNKNOWN ? 0 : value;
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
