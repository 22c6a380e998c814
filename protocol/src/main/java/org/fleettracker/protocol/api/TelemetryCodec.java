package org.fleettracker.protocol.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * Encodes telemetry to JSON and decodes it with a reject reason for every kind of bad input.
 *
 * <p>Thread-safe. Unknown fields are ignored so vehicles may send more than version 1 defines. A payload with a
 * repeated field name or with content after the JSON object is rejected as malformed.
 *
 * <p>Decoding accepts more than encoding writes: {@code fixTime} may also be an epoch number (seconds below
 * 100,000,000,000, otherwise milliseconds), {@code speedUnit} may give the unit of {@code speedKmh} ({@code km/h},
 * {@code kn}, {@code m/s} or {@code mph}, converted to km/h), and a heading of exactly 360 reads as 0. A payload with
 * {@code "fixValid": false} or with latitude and longitude both 0 is rejected with {@link RejectReason#NO_FIX}.
 */
public final class TelemetryCodec {

    /** Largest telemetry payload accepted, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = JsonFields.MAX_PAYLOAD_BYTES;

    /** Deepest JSON nesting accepted; a fix needs 1. */
    public static final int MAX_NESTING_DEPTH = JsonFields.MAX_NESTING_DEPTH;

    private TelemetryCodec() {}

    public static byte[] encode(Telemetry telemetry) {
        ObjectNode node = JsonFields.mapper().createObjectNode();
        node.put("vehicleId", telemetry.vehicleId());
        node.put("seq", telemetry.seq());
        node.put("fixTime", telemetry.fixTime().toString());
        node.put("latitudeDeg", telemetry.latitudeDeg());
        node.put("longitudeDeg", telemetry.longitudeDeg());
        node.put("speedKmh", telemetry.speedKmh());
        node.put("headingDeg", telemetry.headingDeg());
        putIfPresent(node, "altitudeM", telemetry.altitudeM());
        putIfPresent(node, "accuracyM", telemetry.accuracyM());
        putIfPresent(node, "odometerM", telemetry.odometerM());
        if (telemetry.ignition() != null) {
            node.put("ignition", telemetry.ignition());
        }
        putIfPresent(node, "batteryPct", telemetry.batteryPct());
        if (telemetry.panic() != null) {
            node.put("panic", telemetry.panic());
        }
        try {
            return JsonFields.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Encoding a JSON tree failed", e);
        }
    }

    /**
     * Decodes one telemetry payload.
     *
     * @param expectedVehicleId the vehicle id from the topic, which the payload's must equal
     */
    public static DecodeResult decode(byte[] payload, String expectedVehicleId) {
        try {
            return decodeObject(JsonFields.parseObject(payload), expectedVehicleId);
        } catch (InvalidPayloadException e) {
            return new DecodeResult.Rejected(e.reason(), e.getMessage());
        }
    }

    private static DecodeResult decodeObject(JsonNode root, String expectedVehicleId) {
        String vehicleId = JsonFields.requiredId(root, "vehicleId");
        if (!vehicleId.equals(expectedVehicleId)) {
            return new DecodeResult.Rejected(
                    RejectReason.VEHICLE_ID_MISMATCH,
                    "vehicleId '" + vehicleId + "' differs from '" + expectedVehicleId + "' in the topic");
        }
        return new DecodeResult.Accepted(fromTree(root));
    }

    /** Reads a fix from a parsed JSON object; {@link PayloadCodec} uses it where no topic names the vehicle. */
    static Telemetry fromTree(JsonNode root) {
        return read(root, true);
    }

    /**
     * Reads the fix fields of a payload that the tracker wrote, such as a {@link VehicleState}: only the strict form
     * that {@link #encode} writes, without the vehicle's choices of time format, speed unit or fix flag.
     */
    static Telemetry fromWrittenTree(JsonNode root) {
        return read(root, false);
    }

    private static Telemetry read(JsonNode root, boolean fromVehicle) {
        String vehicleId = JsonFields.requiredId(root, "vehicleId");
        if (fromVehicle) {
            // Without a fix the other fields may be absent or stale, so the flag is read before them.
            FixFields.requireFixValid(root);
        }
        long seq = JsonFields.requiredLong(root, "seq");
        Instant fixTime = fromVehicle ? FixFields.fixTime(root) : JsonFields.requiredInstant(root, "fixTime");
        double latitudeDeg = JsonFields.requiredNumber(root, "latitudeDeg");
        double longitudeDeg = JsonFields.requiredNumber(root, "longitudeDeg");
        if (fromVehicle) {
            FixFields.requireNotZeroZero(latitudeDeg, longitudeDeg);
        }
        double speedKmh = fromVehicle ? FixFields.speedKmh(root) : JsonFields.requiredNumber(root, "speedKmh");
        double headingDeg = fromVehicle ? FixFields.headingDeg(root) : JsonFields.requiredNumber(root, "headingDeg");
        Double altitudeM = JsonFields.optionalNumber(root, "altitudeM");
        Double accuracyM = JsonFields.optionalNumber(root, "accuracyM");
        Double odometerM = JsonFields.optionalNumber(root, "odometerM");
        Boolean ignition = JsonFields.optionalBoolean(root, "ignition");
        Double batteryPct = JsonFields.optionalNumber(root, "batteryPct");
        Boolean panic = JsonFields.optionalBoolean(root, "panic");
        return JsonFields.construct(
                RejectReason.OUT_OF_RANGE,
                () -> new Telemetry(
                        vehicleId,
                        seq,
                        fixTime,
                        latitudeDeg,
                        longitudeDeg,
                        speedKmh,
                        headingDeg,
                        altitudeM,
                        accuracyM,
                        odometerM,
                        ignition,
                        batteryPct,
                        panic));
    }

    private static void putIfPresent(ObjectNode node, String field, @Nullable Double value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
