package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.EventQuery;
import org.fleettracker.tracker.internal.trips.SegmentQuery;
import org.fleettracker.tracker.internal.trips.Stop;
import org.fleettracker.tracker.internal.trips.Trip;
import org.fleettracker.tracker.internal.trips.TripStore;
import org.jspecify.annotations.Nullable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/vehicles/{vehicleId}/trips}, {@code .../stops}, {@code .../trips.csv} and
 * {@code GET /api/v1/trips/{tripId}}. A trip or stop is listed when it overlaps the range {@code from} (inclusive) to
 * {@code to} (exclusive). Pages are ordered by start time, then id.
 */
final class TripsHandler {

    /** Cursor kinds, so a trips cursor is rejected by the stops list and the other way round. */
    private static final String TRIPS = "trips";

    private static final String STOPS = "stops";

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
        if (Exchanges.knownVehicle(exchange, states, vehicleId) == null) {
            return;
        }
        SegmentQuery query = pageQuery(exchange, vehicleId, TRIPS);
        List<Trip> trips;
        try (Connection connection = database.connection()) {
            trips = store.findTrips(connection, query);
        } catch (SQLException e) {
            throw new IOException("Reading the trips of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
        Exchanges.sendJson(
                exchange,
                200,
                Paging.items(
                        trips,
                        query.limit() - 1,
                        TRIPS,
                        TripResponses.TripBody::of,
                        trip -> new EventQuery.PageKey(trip.startTime(), trip.tripId())));
    }

    private void sendStops(HttpExchange exchange, String vehicleId) throws IOException, BadRequestException {
        if (Exchanges.knownVehicle(exchange, states, vehicleId) == null) {
            return;
        }
        SegmentQuery query = pageQuery(exchange, vehicleId, STOPS);
        List<Stop> stops;
        try (Connection connection = database.connection()) {
            stops = store.findStops(connection, query);
        } catch (SQLException e) {
            throw new IOException("Reading the stops of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
        Exchanges.sendJson(
                exchange,
                200,
                Paging.items(
                        stops,
                        query.limit() - 1,
                        STOPS,
                        TripResponses.StopBody::of,
                        stop -> new EventQuery.PageKey(stop.startTime(), stop.stopId())));
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
        if (Exchanges.knownVehicle(exchange, states, vehicleId) == null) {
            return;
        }
        Map<String, String> parameters = Exchanges.queryParameters(exchange);
        Instant from = Paging.instant(parameters, "from");
        Instant to = Paging.instant(parameters, "to");
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

    private SegmentQuery pageQuery(HttpExchange exchange, String vehicleId, String kind) throws BadRequestException {
        Paging.Page page = Paging.parse(
                Exchanges.queryParameters(exchange),
                settings.positionsDefaultLimit(),
                settings.positionsMaxLimit(),
                kind);
        EventQuery.PageKey after = page.after();
        return new SegmentQuery(
                vehicleId,
                page.from(),
                page.to(),
                after == null ? null : new SegmentQuery.PageKey(after.time(), after.id()),
                page.rowsToRead());
    }

    private static void requireOrdered(@Nullable Instant from, @Nullable Instant to) throws BadRequestException {
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadRequestException("to", "to " + to + " is before from " + from);
        }
    }
}
