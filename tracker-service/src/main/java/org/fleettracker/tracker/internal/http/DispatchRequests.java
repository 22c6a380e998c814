package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.dispatch.CommandRequest;
import org.fleettracker.tracker.internal.storage.EventQuery;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parses the bodies and query parameters of the command and job endpoints; each fault is a 400. */
final class DispatchRequests {

    /** Largest request body read, in bytes; a job of 50 stops with long names stays well below it. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

    private DispatchRequests() {}

    /** Reads the request body as one JSON object. */
    static ObjectNode body(HttpExchange exchange) throws IOException, BadRequestException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequestException(null, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(null, "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException(null, "the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Parses the body of {@code POST /api/v1/vehicles/{vehicleId}/commands}. */
    static CommandRequest command(ObjectNode body, Instant now) throws BadRequestException {
        String commandId = optionalId(body, "commandId");
        String typeCode = optionalText(body, "type");
        if (typeCode == null) {
            throw new BadRequestException("type", "type is missing");
        }
        CommandType type = CommandType.fromCode(typeCode)
                .orElseThrow(() -> new BadRequestException(
                        "type", "type '" + Exchanges.excerpt(typeCode) + "' is not a known command type"));
        if (type == CommandType.ASSIGN_JOB || type == CommandType.CANCEL_JOB) {
            throw new BadRequestException(
                    "type",
                    type.code() + " commands are sent by POST /api/v1/jobs and POST /api/v1/jobs/{jobId}/cancel");
        }
        return new CommandRequest(
                commandId, type, optionalText(body, "text"), parameters(body), expiresTime(body, now), null);
    }

    /** Parses the body of {@code POST /api/v1/jobs}; a missing job id becomes a new random one. */
    static Job job(ObjectNode body) throws BadRequestException {
        ObjectNode copy = body.deepCopy();
        if (!copy.hasNonNull("jobId")) {
            copy.put("jobId", "job-" + UUID.randomUUID());
        }
        try {
            return Job.fromJson(copy);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(null, "the job is invalid: " + e.getMessage());
        }
    }

    /** Reads the optional {@code expiresTime}, which must lie after {@code now}. */
    static @Nullable Instant expiresTime(ObjectNode body, Instant now) throws BadRequestException {
        String text = optionalText(body, "expiresTime");
        if (text == null) {
            return null;
        }
        Instant expires = instant("expiresTime", text);
        if (!expires.isAfter(now)) {
            throw new BadRequestException("expiresTime", "expiresTime " + expires + " is not after now, " + now);
        }
        return expires;
    }

    private static Map<String, String> parameters(ObjectNode body) throws BadRequestException {
        JsonNode node = body.get("parameters");
        Map<String, String> parameters = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return parameters;
        }
        if (!node.isObject()) {
            throw new BadRequestException("parameters", "parameters must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new BadRequestException(
                        "parameters", "parameter '" + Exchanges.excerpt(entry.getKey()) + "' must be a string");
            }
            parameters.put(entry.getKey(), entry.getValue().asText());
        }
        return parameters;
    }

    private static @Nullable String optionalId(ObjectNode body, String field) throws BadRequestException {
        String text = optionalText(body, field);
        if (text != null && !Ids.isValid(text)) {
            throw new BadRequestException(
                    field,
                    field + " '" + Exchanges.excerpt(text) + "' is invalid: use 1 to " + Ids.MAX_LENGTH
                            + " letters, digits, '.', '_' or '-'");
        }
        return text;
    }

    static @Nullable String optionalText(ObjectNode body, String field) throws BadRequestException {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new BadRequestException(field, field + " must be a string");
        }
        return node.asText();
    }

    /** A parsed list query: {@code from} inclusive, {@code to} exclusive, either may be open. */
    record ListQuery(@Nullable Instant from, @Nullable Instant to, EventQuery.@Nullable PageKey after, int limit) {}

    /** Parses {@code from}, {@code to}, {@code limit} and the {@code after} cursor of a list endpoint. */
    static ListQuery listQuery(Map<String, String> query, TrackerSettings settings) throws BadRequestException {
        Instant from = query.containsKey("from") ? instant("from", query.get("from")) : null;
        Instant to = query.containsKey("to") ? instant("to", query.get("to")) : null;
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadRequestException("to", "to " + to + " is before from " + from);
        }
        int limit = settings.positionsDefaultLimit();
        String rawLimit = query.get("limit");
        if (rawLimit != null) {
            String text = rawLimit.strip();
            if (!WHOLE_NUMBER.matcher(text).matches()
                    || Integer.parseInt(text) < 1
                    || Integer.parseInt(text) > settings.positionsMaxLimit()) {
                throw new BadRequestException(
                        "limit",
                        "limit '" + Exchanges.excerpt(rawLimit) + "' is not a whole number in [1, "
                                + settings.positionsMaxLimit() + "]");
            }
            limit = Integer.parseInt(text);
        }
        String cursor = query.get("after");
        return new ListQuery(from, to, cursor == null ? null : decodeCursor(cursor), limit);
    }

    /** Returns the opaque cursor that continues a list after the row with this time and id. */
    static String cursor(Instant time, String id) {
        byte[] raw = (time + "|" + id).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static EventQuery.PageKey decodeCursor(String cursor) throws BadRequestException {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0 || !Ids.isValid(text.substring(bar + 1))) {
                throw new BadRequestException("after", "after is not a cursor from a previous page");
            }
            return new EventQuery.PageKey(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadRequestException("after", "after is not a cursor from a previous page");
        }
    }

    private static Instant instant(String name, String raw) throws BadRequestException {
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    name,
                    name + " '" + Exchanges.excerpt(raw)
                            + "' is not an ISO-8601 time with offset, such as 2026-01-31T08:00:00Z");
        }
    }
}
