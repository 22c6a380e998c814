package org.fleettracker.console.internal.api;

import org.fleettracker.protocol.api.CommandType;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/vehicles/{id}/commands}.
 *
 * @param commandId chosen by the console before the first attempt, so that a repeat is applied once
 * @param text the message shown to the driver of a {@code message} command, or null
 */
public record CommandRequest(
        String commandId, CommandType type, @Nullable String text, Map<String, String> parameters) {

    public CommandRequest {
        parameters = Map.copyOf(parameters);
    }
}
