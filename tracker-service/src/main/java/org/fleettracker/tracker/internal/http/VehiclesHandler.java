package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/vehicles}, {@code GET /api/v1/vehicles/{id}} and
 * {@code GET /api/v1/vehicles/{id}/positions?from=&to=&limit=}.
 */
final class VehiclesHandler implements HttpHandler {

    static final String PREFIX = "/api/v1/vehicles";

    private final VehicleStates states;
    private final Database database;
    private final PositionStore positions = new PositionStore();
    private final TrackerSettings settings;

    VehiclesHandler(VehicleStates states, Database database, TrackerSettings settings) {
        this.states = states;
        this.database = database;
        this.settings = settings;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (Exchanges.rejectUnlessGet(exchange)) {
            return;
        }
        String rest = exchange.getRequestURI().getRawPath().substring(PREFIX.length());
        // The server matches contexts by plain string prefix, so "/api/v1/vehiclesX" also arrives here.
        if (!rest.isEmpty() && !rest.startsWith("/")) {
            Exchanges.sendError(exchange, 404, "not_found", "no resource at " + exchange.getRequestURI(), null);
            return;
        }
        String[] segments = rest.isEmpty() || "/".equals(rest)
                ? new String[0]
                : rest.substring(1).split("/", -1);
        if (segments.length == 0) {
            Exchanges.sendJson(exchange, 200, new ApiResponses.VehicleList(states.all()));
        } else if (segments.length == 1) {
            sendVehicle(exchange, Exchanges.decode(segments[0]));
        } else if (segments.length == 2 && "positions".equals(segments[1])) {
            sendPositions(exchange, Exchanges.decode(segments[0]));
        } else {
            Exchanges.sendError(exchange, 404, "not_found", "no resource at " + exchange.getRequestURI(), null);
        }
    }

    private void sendVehicle(HttpExchange exchange, String vehicleId) throws IOException {
        VehicleState state = knownState(exchange, vehicleId);
        if (state != null) {
            Exchanges.sendJson(exchange, 200, state);
        }
    }

    private void sendPositions(HttpExchange exchange, String vehicleId) throws IOException {
        VehicleState state = knownState(exchange, vehicleId);
        if (state == null) {
            return;
        }
        Map<String, String> query = Exchanges.queryParameters(exchange);
        PositionsQuery parsed;
        try {
            parsed = parseQuery(query);
        } catch (BadParameterException e) {
            Exchanges.sendError(exchange, 400, "bad_request", e.getMessage(), e.parameter);
            return;
        }
        List<StoredPosition> found;
        try (Connection connection = database.connection()) {
            found = positions.findByFixTime(connection, vehicleId, parsed.from(), parsed.to(), parsed.limit());
        } catch (SQLException e) {
            throw new IOException("Reading the positions of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
        List<ApiResponses.Position> body =
                found.stream().map(ApiResponses.Position::of).toList();
        Exchanges.sendJson(exchange, 200, new ApiResponses.PositionList(state.fleetId(), vehicleId, body));
    }

    private @Nullable VehicleState knownState(HttpExchange exchange, String vehicleId) throws IOException {
        VehicleState state = Ids.isValid(vehicleId) ? states.get(vehicleId) : null;
        if (state == null) {
            Exchanges.sendError(exchange, 404, "not_found", "vehicle '" + vehicleId + "' not found", null);
        }
        return state;
    }

    private PositionsQuery parseQuery(Map<String, String> query) throws BadParameterException {
        Instant from = instant(query, "from");
        Instant to = instant(query, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadParameterException("to", "to " + to + " is before from " + from);
        }
        int limit = settings.positionsDefaultLimit();
        String rawLimit = query.get("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit.strip());
            } catch (NumberFormatException e) {
                throw new BadParameterException("limit", "limit '" + rawLimit + "' is not a whole number");
            }
            if (limit < 1 || limit > settings.positionsMaxLimit()) {
                throw new BadParameterException(
                        "limit", "limit " + limit + " is out of range [1, " + settings.positionsMaxLimit() + "]");
            }
        }
        return new PositionsQuery(from, to, limit);
    }

    private static @Nullable Instant instant(Map<String, String> query, String name) throws BadParameterException {
        String raw = query.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameterException(
                    name, name + " '" + raw + "' is not an ISO-8601 time with offset, such as 2026-01-31T08:00:00Z");
        }
    }

    /** A parsed positions query; {@code from} is inclusive, {@code to} exclusive, either may be open. */
    private record PositionsQuery(@Nullable Instant from, @Nullable Instant to, int limit) {}

    private static final class BadParameterException extends Exception {
        private static final long serialVersionUID = 1L;

        private final String parameter;

        BadParameterException(String parameter, String message) {
            super(message, null, false, false);
            this.parameter = parameter;
        }
    }
}
