package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.trips.SegmentQuery;
import org.fleettracker.tracker.internal.trips.Stop;
import org.fleettracker.tracker.internal.trips.Trip;
import org.fleettracker.tracker.internal.trips.TripStore;
import org.jspecify.annotations.Nullable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/vehicles/{vehicleId}/trips}, {@code .../stops}, {@code .../trips.csv} and
 * {@code GET /api/v1/trips/{tripId}}. A trip or stop is listed when it overlaps the range {@code from} (inclusive) to
 * {@code to} (exclusive). Pages are ordered by start time, then id.
 */
final class TripsHandler {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

    private static final char CURSOR_SEPARATOR = '|';

    private final VehicleStates states;
    private final Database database;
    private final TrackerSettings settings;
    private final TripStore store = new TripStore();

    TripsHandler(VehicleStates states, Database database, TrackerSettings settings) {
        this.states = states;
        this.database = database;
        this.settings = settings;
    }

    void register(Router router) {
        String vehicle = VehiclesHandler.PREFIX + "/{vehicleId}";
        router.add("GET", vehicle + "/trips", (exchange, path) -> sendTrips(exchange, path.get("vehicleId")));
        router.add("GET", vehicle + "/trips.csv", (exchange, path) -> sendTripsCsv(exchange, path.get("vehicleId")));
        router.add("GET", vehicle + "/stops", (exchange, path) -> sendStops(exchange, path.get("vehicleId")));
        router.add("GET", "/api/v1/trips/{tripId}", (exchange, path) -> sendTrip(exchange, path.get("tripId")));
    }

    private void sendTrips(HttpExchange exchange, String vehicleId) throws IOException, BadRequestException {
        if (!knownVehicle(exchange, vehicleId)) {
            return;
        }
        SegmentQuery query = pageQuery(exchange, vehicleId);
        List<Trip> trips;
        try (Connection connection = database.connection()) {
            trips = store.findTrips(connection, query);
        } catch (SQLException e) {
            throw new IOException("Reading the trips of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
        Exchanges.sendJson(
                exchange, 200, page(trips, query.limit(), TripResponses.TripBody::of, Trip::startTime, Trip::tripId));
    }

    private void sendStops(HttpExchange exchange, String vehicleId) throws IOException, BadRequestException {
        if (!knownVehicle(exchange, vehicleId)) {
            return;
        }
        SegmentQuery query = pageQuery(exchange, vehicleId);
        List<Stop> stops;
        try (Connection connection = database.connection()) {
            stops = store.findStops(connection, query);
        } catch (SQLException e) {
            throw new IOException("Reading the stops of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
        Exchanges.sendJson(
                exchange, 200, page(stops, query.limit(), TripResponses.StopBody::of, Stop::startTime, Stop::stopId));
    }

    private void sendTrip(HttpExchange exchange, String tripId) throws IOException {
        Optional<Trip> trip;
        try (Connection connection = database.connection()) {
            trip = store.findTrip(connection, tripId);
        } catch (SQLException e) {
            throw new IOException("Reading trip " + tripId + " failed: " + e.getMessage(), e);
        }
        if (trip.isEmpty()) {
            Exchanges.sendError(exchange, 404, "not_found", "trip '" + Exchanges.excerpt(tripId) + "' not found", null);
            return;
        }
        Exchanges.sendJson(exchange, 200, TripResponses.TripBody.of(trip.get()));
    }

    /** Streams every trip of the range as CSV, one database row at a time. */
    private void sendTripsCsv(HttpExchange exchange, String vehicleId) throws IOException, BadRequestException {
        if (!knownVehicle(exchange, vehicleId)) {
            return;
        }
        Map<String, String> parameters = Exchanges.queryParameters(exchange);
        Instant from = instant(parameters, "from");
        Instant to = instant(parameters, "to");
        requireOrdered(from, to);
        SegmentQuery query = new SegmentQuery(vehicleId, from, to, null, Integer.MAX_VALUE);
        exchange.getResponseHeaders().set("Content-Type", TripsCsv.CONTENT_TYPE);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        // Ids allow only letters, digits, '.', '_' and '-', so the vehicle id needs no quoting in the file name.
        exchange.getResponseHeaders()
                .set("Content-Disposition", "attachment; filename=\"trips-" + vehicleId + ".csv\"");
        try (Connection connection = database.connection()) {
            // Length 0 selects chunked transfer, so the body is never held in memory whole.
            exchange.sendResponseHeaders(200, 0);
            try (Writer out =
                    new BufferedWriter(new OutputStreamWriter(exchange.getResponseBody(), StandardCharsets.UTF_8))) {
                TripsCsv.writeHeader(out);
                store.forEachTrip(connection, query, trip -> TripsCsv.writeTrip(out, trip));
            }
        } catch (SQLException e) {
            // The status line is sent already, so the client sees a cut-off body instead of an error response.
            throw new IOException("Exporting the trips of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
    }

    private boolean knownVehicle(HttpExchange exchange, String vehicleId) throws IOException {
        VehicleState state = Ids.isValid(vehicleId) ? states.get(vehicleId) : null;
        if (state == null) {
            Exchanges.sendError(
                    exchange, 404, "not_found", "vehicle '" + Exchanges.excerpt(vehicleId) + "' not found", null);
            return false;
        }
        return true;
    }

    // TODO: use the shared Paging helper once it is on main, because this parses from, to, limit and after alone.
    private SegmentQuery pageQuery(HttpExchange exchange, String vehicleId) throws BadRequestException {
        Map<String, String> parameters = Exchanges.queryParameters(exchange);
        Instant from = instant(parameters, "from");
        Instant to = instant(parameters, "to");
        requireOrdered(from, to);
        String rawLimit = parameters.get("limit");
        int limit = rawLimit == null ? settings.positionsDefaultLimit() : limit(rawLimit);
        String cursor = parameters.get("after");
        SegmentQuery.PageKey after = cursor == null ? null : decodeCursor(cursor);
        // Reading one row beyond the page shows whether another page follows.
        return new SegmentQuery(vehicleId, from, to, after, limit + 1);
    }

    private static <S, B> TripResponses.Page<B> page(
            List<S> rows, int limitPlusOne, Function<S, B> body, Function<S, Instant> start, Function<S, String> id) {
        int limit = limitPlusOne - 1;
        List<S> pageRows = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = null;
        if (rows.size() > limit) {
            S last = pageRows.get(pageRows.size() - 1);
            next = encodeCursor(start.apply(last), id.apply(last));
        }
        return new TripResponses.Page<>(pageRows.stream().map(body).toList(), next);
    }

    static String encodeCursor(Instant startTime, String id) {
        String key = startTime.toString() + CURSOR_SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static SegmentQuery.PageKey decodeCursor(String cursor) throws BadRequestException {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            int separator = key.indexOf(CURSOR_SEPARATOR);
            if (separator < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new SegmentQuery.PageKey(Instant.parse(key.substring(0, separator)), key.substring(separator + 1));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new BadRequestException(
                    "after",
                    "after '" + Exchanges.excerpt(cursor)
                            + "' is not a cursor from a previous page; pass nextCursor unchanged",
                    e);
        }
    }

    private static void requireOrdered(@Nullable Instant from, @Nullable Instant to) throws BadRequestException {
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadRequestException("to", "to " + to + " is before from " + from);
        }
    }

    private int limit(String raw) throws BadRequestException {
        String text = raw.strip();
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new BadRequestException("limit", "limit '" + Exchanges.excerpt(raw) + "' is not a whole number");
        }
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
}
