package org.fleettracker.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.function.Function;

/**
 * Encodes the JSON payloads of the contract and decodes them with a reject reason for every kind of bad input.
 *
 * <p>Decoding applies the rules of {@link TelemetryCodec} to every type: at most {@link #MAX_PAYLOAD_BYTES} of
 * UTF-8, exactly one JSON object, no repeated field names, no conversion between numbers and strings. Fields that
 * the type does not define are ignored, so a reader keeps working when a later version adds optional fields. The
 * JSON Schemas in {@code docs/schemas} state the same rules for other languages. Thread-safe.
 */
public final class PayloadCodec {

    /** Largest payload accepted, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = JsonFields.MAX_PAYLOAD_BYTES;

    private static final Map<Class<?>, Function<JsonNode, ?>> READERS = Map.of(
            Telemetry.class, TelemetryCodec::fromTree,
            VehicleState.class, VehicleState::fromJson,
            Reject.class, Reject::fromJson,
            Command.class, Command::fromJson,
            CommandAck.class, CommandAck::fromJson,
            FleetEvent.class, FleetEvent::fromJson);

    private PayloadCodec() {}

    /** Encodes a payload record as UTF-8 JSON; {@link Telemetry} is written as {@link TelemetryCodec} does. */
    public static byte[] encode(Object payload) {
        if (payload instanceof Telemetry telemetry) {
            return TelemetryCodec.encode(telemetry);
        }
        requireSupported(payload.getClass());
        return Json.encode(payload);
    }

    /**
     * Decodes one payload.
     *
     * <p>A telemetry payload decoded here is not compared with a topic; use {@link TelemetryCodec#decode} for that.
     *
     * @param type one of {@link Telemetry}, {@link VehicleState}, {@link Reject}, {@link Command},
     *     {@link CommandAck} and {@link FleetEvent}
     * @throws IllegalArgumentException when {@code type} is not one of these
     */
    public static <T> PayloadResult<T> decode(byte[] payload, Class<T> type) {
        Function<JsonNode, ?> reader = requireSupported(type);
        try {
            return new PayloadResult.Accepted<>(type.cast(reader.apply(JsonFields.parseObject(payload))));
        } catch (InvalidPayloadException e) {
            return new PayloadResult.Rejected<>(e.reason(), e.getMessage());
        }
    }

    private static Function<JsonNode, ?> requireSupported(Class<?> type) {
        Function<JsonNode, ?> reader = READERS.get(type);
        if (reader == null) {
            throw new IllegalArgumentException(type.getName() + " is not a JSON payload type of the contract");
        }
        return reader;
    }
}
