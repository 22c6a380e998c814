package org.fleettracker.protocol.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Encodes telemetry to JSON and decodes it with a reject reason for every kind of bad input.
 *
 * <p>Thread-safe. Unknown fields are ignored so vehicles may send more than version 1 defines. A payload with a
 * repeated field name or with content after the JSON object is rejected as malformed.
 */
public final class TelemetryCodec {

    /** Largest telemetry payload accepted, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;

    /** Deepest JSON nesting accepted; a fix needs 1. */
    public static final int MAX_NESTING_DEPTH = 16;

    private static final String TRAILING_CONTENT = "payload has more content after the JSON value";

    private static final ObjectMapper MAPPER = createMapper();

    private TelemetryCodec() {}

    public static byte[] encode(Telemetry telemetry) {
        ObjectNode node = MAPPER.createObjectNode();
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
        try {
            return MAPPER.writeValueAsBytes(node);
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
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return rejected(
                    RejectReason.PAYLOAD_TOO_LARGE,
                    "payload has " + payload.length + " bytes, more than " + MAX_PAYLOAD_BYTES);
        }
        if (payload.length == 0) {
            return rejected(RejectReason.MALFORMED_JSON, "payload is empty");
        }
        if (!isUtf8(payload)) {
            return rejected(RejectReason.MALFORMED_JSON, "payload is not valid UTF-8");
        }
        try {
            return decodeObject(parseObject(payload), expectedVehicleId);
        } catch (FieldException e) {
            return rejected(e.reason, e.getMessage());
        }
    }

    /** Parses the payload as exactly one JSON object with unique field names. */
    private static JsonNode parseObject(byte[] payload) {
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(payload)) {
            try {
                root = MAPPER.readTree(parser);
            } catch (StreamConstraintsException e) {
                throw malformed(constraintDetail(parser, e));
            } catch (MismatchedInputException e) {
                // The mapper fails on a valid token after the root value, and reading a tree mismatches on nothing
                // else.
                throw malformed(TRAILING_CONTENT);
            } catch (JsonParseException e) {
                // An invalid token after the root value fails here instead, at root level after the first value.
                JsonStreamContext context = parser.getParsingContext();
                boolean afterRootValue = context.inRoot() && context.getCurrentIndex() > 0;
                throw malformed(
                        afterRootValue
                                ? TRAILING_CONTENT
                                : "payload is not valid JSON: " + firstLine(e.getOriginalMessage()));
            }
        } catch (IOException e) {
            throw malformed("payload is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw malformed("payload is not a JSON object");
        }
        return root;
    }

    private static String constraintDetail(JsonParser parser, StreamConstraintsException e) {
        // Jackson throws the same exception type for every limit, so the parser's depth shows which limit was exceeded.
        if (parser.getParsingContext().getNestingDepth() >= MAX_NESTING_DEPTH) {
            return "payload is nested deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        return "payload is not valid JSON: " + firstLine(e.getOriginalMessage());
    }

    private static FieldException malformed(String detail) {
        return new FieldException(RejectReason.MALFORMED_JSON, detail);
    }

    private static DecodeResult decodeObject(JsonNode root, String expectedVehicleId) {
        String vehicleId = requiredText(root, "vehicleId");
        if (!vehicleId.equals(expectedVehicleId)) {
            return rejected(
                    RejectReason.VEHICLE_ID_MISMATCH,
                    "vehicleId '" + vehicleId + "' differs from '" + expectedVehicleId + "' in the topic");
        }
        long seq = requiredLong(root, "seq");
        Instant fixTime = requiredInstant(root, "fixTime");
        double latitudeDeg = requiredNumber(root, "latitudeDeg");
        double longitudeDeg = requiredNumber(root, "longitudeDeg");
        double speedKmh = requiredNumber(root, "speedKmh");
        double headingDeg = requiredNumber(root, "headingDeg");
        Double altitudeM = optionalNumber(root, "altitudeM");
        Double accuracyM = optionalNumber(root, "accuracyM");
        Double odometerM = optionalNumber(root, "odometerM");
        Boolean ignition = optionalBoolean(root, "ignition");
        Double batteryPct = optionalNumber(root, "batteryPct");
        try {
            return new DecodeResult.Accepted(new Telemetry(
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
                    batteryPct));
        } catch (IllegalArgumentException e) {
            return rejected(RejectReason.OUT_OF_RANGE, e.getMessage());
        }
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isTextual()) {
            throw new FieldException(
                    RejectReason.INVALID_FIELD, field + " must be a string, got " + node.getNodeType());
        }
        String text = node.asText();
        if (!Ids.isValid(text)) {
            throw new FieldException(RejectReason.INVALID_FIELD, field + " '" + truncate(text) + "' is not a valid id");
        }
        return text;
    }

    private static long requiredLong(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new FieldException(
                    RejectReason.INVALID_FIELD, field + " must be a whole number, got " + describe(node));
        }
        return node.asLong();
    }

    private static Instant requiredInstant(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isTextual()) {
            throw new FieldException(
                    RejectReason.INVALID_FIELD,
                    field + " must be an ISO-8601 string with offset, got " + describe(node));
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new FieldException(
                    RejectReason.INVALID_FIELD,
                    field + " '" + truncate(node.asText()) + "' is not an ISO-8601 time with offset");
        }
    }

    private static double requiredNumber(JsonNode root, String field) {
        return number(field, required(root, field));
    }

    private static @Nullable Double optionalNumber(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : number(field, node);
    }

    private static @Nullable Boolean optionalBoolean(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new FieldException(
                    RejectReason.INVALID_FIELD, field + " must be true or false, got " + describe(node));
        }
        return node.booleanValue();
    }

    private static double number(String field, JsonNode node) {
        if (!node.isNumber()) {
            throw new FieldException(RejectReason.INVALID_FIELD, field + " must be a number, got " + describe(node));
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new FieldException(RejectReason.OUT_OF_RANGE, field + " " + node.asText() + " is not finite");
        }
        return value;
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new FieldException(RejectReason.MISSING_FIELD, field + " is missing");
        }
        return node;
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + truncate(node.toString());
    }

    private static String truncate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static boolean isUtf8(byte[] payload) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void putIfPresent(ObjectNode node, String field, @Nullable Double value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static DecodeResult rejected(RejectReason reason, String detail) {
        return new DecodeResult.Rejected(reason, detail);
    }

    private static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** A field that fails a rule; caught inside this class and turned into a {@link DecodeResult.Rejected}. */
    private static final class FieldException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final RejectReason reason;

        FieldException(RejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
