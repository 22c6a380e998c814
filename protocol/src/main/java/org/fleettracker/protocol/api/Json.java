package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON mapping of the contract's records other than telemetry: {@link VehicleState}, {@link Reject},
 * {@link Command}, {@link CommandAck} and {@link FleetEvent}.
 *
 * <p>Instants are ISO-8601 strings in UTC, null fields are left out, and unknown fields are ignored. The records
 * read their fields with the strict rules of {@link PayloadCodec}, but this mapper accepts repeated field names and
 * content after the JSON value; use {@link PayloadCodec#decode} to reject those too and to get a reject reason.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private Json() {}

    /** Returns the shared mapper; callers must not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Decodes {@code payload} into {@code type}.
     *
     * @throws UncheckedIOException when the payload is not valid JSON for the type
     */
    public static <T> T decode(byte[] payload, Class<T> type) {
        try {
            return MAPPER.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Invalid " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
        }
    }
}
