package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Helpers that read requests and write responses of the JDK HTTP server. */
final class Exchanges {

    static final String JSON = "application/json; charset=utf-8";

    /** Maximum characters of a request value that an error message repeats; a longer value is cut. */
    static final int MAX_ECHO_CHARS = 80;

    /**
     * Largest request body the API reads, in bytes. A geofence polygon of about 20,000 positions fits, and a job of
     * {@link org.fleettracker.protocol.api.Job#MAX_STOPS} stops takes far less.
     */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private Exchanges() {}

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException("Encoding the response as JSON failed: " + e.getMessage(), e);
        }
        send(exchange, status, JSON, bytes);
    }

    static void sendError(HttpExchange exchange, int status, String error, String message, @Nullable String parameter)
            throws IOException {
        sendJson(exchange, status, new ApiResponses.Error(error, message, parameter));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Reads the request body as one JSON object of at most {@value #MAX_BODY_BYTES} bytes.
     *
     * @throws BadRequestException when the body is missing, too large, not JSON, or not an object
     */
    static ObjectNode readJsonObject(HttpExchange exchange) throws IOException, BadRequestException {
        byte[] body = readBody(exchange, MAX_BODY_BYTES);
        if (body.length == 0) {
            throw new BadRequestException(null, "the request body is empty; send a JSON object");
        }
        return parseJsonObject(body);
    }

    /**
     * Parses a request body as one JSON object.
     *
     * @throws BadRequestException when the body is not JSON or not an object
     * @throws IOException never in practice, because the body is already in memory, but Jackson declares it
     */
    static ObjectNode parseJsonObject(byte[] body) throws IOException, BadRequestException {
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(
                    null, "the request body is not valid JSON: " + excerpt(String.valueOf(e.getOriginalMessage())));
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException(null, "the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Returns the request body, read up to {@code maxBytes}.
     *
     * @throws BadRequestException when the body is longer than {@code maxBytes}
     */
    static byte[] readBody(HttpExchange exchange, int maxBytes) throws IOException, BadRequestException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new BadRequestException(null, "the request body is longer than " + maxBytes + " bytes");
            }
            return body;
        }
    }

    /** Returns the state of a vehicle the tracker knows; otherwise sends 404 and returns null. */
    static @Nullable VehicleState knownVehicle(HttpExchange exchange, VehicleStates states, String vehicleId)
            throws IOException {
        VehicleState state = Ids.isValid(vehicleId) ? states.get(vehicleId) : null;
        if (state == null) {
            sendError(exchange, 404, "not_found", "vehicle '" + excerpt(vehicleId) + "' not found", null);
        }
        return state;
    }

    /** Sends a 404 response naming the request path, shortened by {@link #excerpt}. */
    static void sendNotFound(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        sendError(exchange, 404, "not_found", "no resource at " + excerpt(path == null ? "" : path), null);
    }

    /**
     * Returns the decoded query parameters; a repeated parameter keeps its last value.
     *
     * @throws BadRequestException when a name or value has an invalid percent escape
     */
    static Map<String, String> queryParameters(HttpExchange exchange) throws BadRequestException {
        Map<String, String> parameters = new HashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(decode(name), decode(value));
        }
        return parameters;
    }

    /**
     * Decodes one percent-encoded query part or path segment.
     *
     * <p>NOTE: the JDK server already rejects a request URI with such an escape with its own HTML 400 page, before
     * any handler runs, so this check guards only values that reach a handler some other way.
     *
     * @throws BadRequestException when the text has an invalid percent escape such as {@code %} or {@code %zz}
     */
    static String decode(String raw) throws BadRequestException {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(
                    null, "'" + excerpt(raw) + "' has an invalid percent escape; write % as %25", e);
        }
    }

    /**
     * Returns {@code value} for an error message: whole up to {@value #MAX_ECHO_CHARS} characters, otherwise its
     * first {@value #MAX_ECHO_CHARS} (one less to keep a surrogate pair whole) followed by {@code ...}.
     */
    static String excerpt(String value) {
        if (value.length() <= MAX_ECHO_CHARS) {
            return value;
        }
        int end = MAX_ECHO_CHARS;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "...";
    }
}
