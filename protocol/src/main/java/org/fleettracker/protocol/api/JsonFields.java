package org.fleettracker.protocol.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Strict parsing of contract payloads: one JSON object, then typed fields read from it.
 *
 * <p>A missing or null required field fails with {@link RejectReason#MISSING_FIELD}, and a null optional field counts
 * as absent. A field of the wrong JSON type fails with {@link RejectReason#INVALID_FIELD}. Numbers and strings are
 * never converted into each other. Fields that no reader asks for are ignored.
 */
final class JsonFields {

    /** Largest payload accepted, in bytes. */
    static final int MAX_PAYLOAD_BYTES = 16 * 1024;

    /** Deepest JSON nesting accepted. */
    static final int MAX_NESTING_DEPTH = 16;

    private static final String TRAILING_CONTENT = "payload has more content after the JSON value";

    private static final ObjectMapper MAPPER = createMapper();

    private JsonFields() {}

    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses the payload as exactly one JSON object of UTF-8 text, with unique field names.
     *
     * @throws InvalidPayloadException with {@link RejectReason#PAYLOAD_TOO_LARGE} or
     *     {@link RejectReason#MALFORMED_JSON}
     */
    static JsonNode parseObject(byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidPayloadException(
                    RejectReason.PAYLOAD_TOO_LARGE,
                    "payload has " + payload.length + " bytes, more than " + MAX_PAYLOAD_BYTES);
        }
        if (payload.length == 0) {
            throw malformed("payload is empty");
        }
        if (!isUtf8(payload)) {
            throw malformed("payload is not valid UTF-8");
        }
        JsonNode root = readTree(payload);
        if (root == null || !root.isObject()) {
            throw malformed("payload is not a JSON object");
        }
        return root;
    }

    /** Reads the root object of a payload that Jackson has already parsed, as in a {@code JsonCreator}. */
    static JsonNode requireObject(@Nullable JsonNode root) {
        if (root == null || !root.isObject()) {
            throw malformed("payload is not a JSON object");
        }
        return root;
    }

    /** Runs a record constructor and turns its {@link IllegalArgumentException} into a reject with {@code reason}. */
    static <T> T construct(RejectReason reason, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidPayloadException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException(reason, String.valueOf(e.getMessage()));
        }
    }

    static String requiredId(JsonNode root, String field) {
        return id(field, required(root, field));
    }

    static @Nullable String optionalId(JsonNode root, String field) {
        JsonNode node = optional(root, field);
        return node == null ? null : id(field, node);
    }

    static String requiredText(JsonNode root, String field) {
        return text(field, required(root, field));
    }

    static @Nullable String optionalText(JsonNode root, String field) {
        JsonNode node = optional(root, field);
        return node == null ? null : text(field, node);
    }

    static long requiredLong(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalid(field + " must be a whole number, got " + describe(node));
        }
        return node.asLong();
    }

    static double requiredNumber(JsonNode root, String field) {
        return number(field, required(root, field));
    }

    static @Nullable Double optionalNumber(JsonNode root, String field) {
        JsonNode node = optional(root, field);
        return node == null ? null : number(field, node);
    }

    static @Nullable Boolean optionalBoolean(JsonNode root, String field) {
        JsonNode node = optional(root, field);
        return node == null ? null : bool(field, node);
    }

    static boolean requiredBoolean(JsonNode root, String field) {
        return bool(field, required(root, field));
    }

    static Instant requiredInstant(JsonNode root, String field) {
        return instant(field, required(root, field));
    }

    static @Nullable Instant optionalInstant(JsonNode root, String field) {
        JsonNode node = optional(root, field);
        return node == null ? null : instant(field, node);
    }

    /**
     * Reads a string field whose value must be one of an enum's codes.
     *
     * @param fromCode finds the constant for a code, or empty for an unknown code
     */
    static <E> E requiredCode(JsonNode root, String field, Function<String, Optional<E>> fromCode) {
        String code = text(field, required(root, field));
        return fromCode.apply(code).orElseThrow(() -> invalid(field + " '" + truncate(code) + "' is not a known code"));
    }

    /** Reads an object of string values; an absent or null field reads as an empty map. */
    static Map<String, String> optionalTextMap(JsonNode root, String field) {
        JsonNode node = optional(root, field);
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid(field + " must be an object of strings, got " + describe(node));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            values.put(entry.getKey(), text(field + "." + entry.getKey(), entry.getValue()));
        }
        return values;
    }

    static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidPayloadException(RejectReason.MISSING_FIELD, field + " is missing");
        }
        return node;
    }

    private static @Nullable JsonNode optional(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static String id(String field, JsonNode node) {
        if (!node.isTextual()) {
            throw invalid(field + " must be a string, got " + node.getNodeType());
        }
        String text = node.asText();
        if (!Ids.isValid(text)) {
            throw invalid(field + " '" + truncate(text) + "' is not a valid id");
        }
        return text;
    }

    private static String text(String field, JsonNode node) {
        if (!node.isTextual()) {
            throw invalid(field + " must be a string, got " + describe(node));
        }
        return node.asText();
    }

    private static double number(String field, JsonNode node) {
        if (!node.isNumber()) {
            throw invalid(field + " must be a number, got " + describe(node));
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new InvalidPayloadException(
                    RejectReason.OUT_OF_RANGE, field + " " + node.asText() + " is not finite");
        }
        return value;
    }

    private static boolean bool(String field, JsonNode node) {
        if (!node.isBoolean()) {
            throw invalid(field + " must be true or false, got " + describe(node));
        }
        return node.booleanValue();
    }

    static Instant instant(String field, JsonNode node) {
        if (!node.isTextual()) {
            throw invalid(field + " must be an ISO-8601 string with offset, got " + describe(node));
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field + " '" + truncate(node.asText()) + "' is not an ISO-8601 time with offset");
        }
    }

    private static JsonNode readTree(byte[] payload) {
        try (JsonParser parser = MAPPER.createParser(payload)) {
            try {
                return MAPPER.readTree(parser);
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
    }

    private static String constraintDetail(JsonParser parser, StreamConstraintsException e) {
        // Jackson throws the same exception type for every limit, so the parser's depth shows which limit was exceeded.
        if (parser.getParsingContext().getNestingDepth() >= MAX_NESTING_DEPTH) {
            return "payload is nested deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        return "payload is not valid JSON: " + firstLine(e.getOriginalMessage());
    }

    private static InvalidPayloadException malformed(String detail) {
        return new InvalidPayloadException(RejectReason.MALFORMED_JSON, detail);
    }

    static InvalidPayloadException invalid(String detail) {
        return new InvalidPayloadException(RejectReason.INVALID_FIELD, detail);
    }

    static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + truncate(node.toString());
    }

    static String truncate(String text) {
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
}
