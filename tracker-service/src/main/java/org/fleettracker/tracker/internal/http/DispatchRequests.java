package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.tracker.internal.dispatch.CommandRequest;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Parses the bodies of the command and job endpoints; each fault is a 400. */
final class DispatchRequests {

    private DispatchRequests() {}

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
        Instant expires = Paging.parseInstant("expiresTime", text);
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
}
