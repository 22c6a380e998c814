package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.protocol.api.Json;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Helpers that read requests and write responses of the JDK HTTP server. */
final class Exchanges {

    static final String JSON = "application/json; charset=utf-8";

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

    /** Returns true, after sending a 405 response, when the request is not a GET. */
    static boolean rejectUnlessGet(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            return false;
        }
        exchange.getResponseHeaders().set("Allow", "GET");
        sendError(
                exchange,
                405,
                "method_not_allowed",
                "method " + exchange.getRequestMethod() + " is not allowed; this API is read-only, use GET",
                null);
        return true;
    }

    /** Returns the decoded query parameters; a repeated parameter keeps its last value. */
    static Map<String, String> queryParameters(HttpExchange exchange) {
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

    static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
