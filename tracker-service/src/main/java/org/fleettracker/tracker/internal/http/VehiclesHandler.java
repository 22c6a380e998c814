package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/vehicles}, {@code GET /api/v1/vehicles/{id}} and
 * {@code GET /api/v1/vehicles/{id}/positions?from=&to=&limit=}.
 */
final class VehiclesHandler {

    static final String PREFIX = "/api/v1/vehicles";

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

    private final VehicleStates states;
    private final Database database;
    private final PositionStore positions = new PositionStore();
    private final TrackerSettings settings;

    VehiclesHandler(VehicleStates states, Database database, TrackerSettings settings) {
        this.states = states;
        this.database = database;
        this.settings = settings;
    }

    void register(Router router) {
        router.add(
                "GET",
                PREFIX,
                (exchange, path) -> Exchanges.sendJson(exchange, 200, new ApiResponses.VehicleList(states.all())));
        router.add("GET", PREFIX + "/{vehicleId}", (exchange, path) -> sendVehicle(exchange, path.get("vehicleId")));
        router.add(
                "GET",
                PREFIX + "/{vehicleId}/positions",
                (exchange, path) -> sendPositions(exchange, path.get("vehicleId")));
    }

    private void sendVehicle(HttpExchange exchange, String vehicleId) throws IOException {
        VehicleState state = knownState(exchange, vehicleId);
        if (state != null) {
            Exchanges.sendJson(exchange, 200, state);
        }
    }

    private void sendPositions(HttpExchange exchange, String vehicleId) throws IOException, BadRequestException {
        VehicleState state = knownState(exchange, vehicleId);
        if (state == null) {
            return;
        }
        PositionsQuery parsed = parseQuery(Exchanges.queryParameters(exchange));
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
            Exchanges.sendError(
                    exchange, 404, "not_found", "vehicle '" + Exchanges.excerpt(vehicleId) + "' not found", null);
        }
        return state;
    }

    private PositionsQuery parseQuery(Map<String, String> query) throws BadRequestException {
        Instant from = instant(query, "from");
        Instant to = instant(query, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadRequestException("to", "to " + to + " is before from " + from);
        }
        String rawLimit = query.get("limit");
        int limit = rawLimit == null ? settings.positionsDefaultLimit() : limit(rawLimit);
        return new PositionsQuery(from, to, limit);
    }

    private int limit(String raw) throws BadRequestException {
        String text = raw.strip();
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new BadRequestException("limit", "limit '" + Exchanges.excerpt(raw) + "' is not a whole number");
        }
        // A whole number of any length parses, so one beyond the int range is reported as out of range too.
        BigInteger value = new BigInteger(text);
        int max = settings.positionsMaxLimit();
        if (value.compareTo(BigInteger.ONE) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new BadRequestException(
                    "limit", "limit " + Exchanges.excerpt(text) + " is out of range [1, " + max + "]");
        }
        return value.intValue();
    }

    private static @Nullable Instant instant(Map<String, String> query, String name) throws BadRequestException {
        String raw = query.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    name,
                    name + " '" + Exchanges.excerpt(raw)
                            + "' is not an ISO-8601 time with offset, such as 2026-01-31T08:00:00Z");
        }
    }

    /** A parsed positions query; {@code from} is inclusive, {@code to} exclusive, either may be open. */
    private record PositionsQuery(@Nullable Instant from, @Nullable Instant to, int limit) {}
}
