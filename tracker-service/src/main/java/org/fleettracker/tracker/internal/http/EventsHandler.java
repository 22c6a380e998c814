package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.EventQuery;
import org.fleettracker.tracker.internal.storage.EventStore;
import org.fleettracker.tracker.internal.storage.StoredEvent;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/events?fleetId=&vehicleId=&type=&from=&to=&limit=&after=} and {@code GET
 * /api/v1/events/{eventId}}: the stored events, alerts included, in (event time, event id) order.
 */
final class EventsHandler {

    static final String PATH = "/api/v1/events";

    /** Kind of the cursors of the events and alerts lists. */
    static final String CURSOR_KIND = "events";

    private final Database database;
    private final TrackerSettings settings;

    EventsHandler(Database database, TrackerSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    void register(Router router) {
        router.add("GET", PATH, (exchange, path) -> sendList(exchange));
        router.add("GET", PATH + "/{eventId}", (exchange, path) -> sendOne(exchange, path.get("eventId")));
    }

    private void sendList(HttpExchange exchange) throws IOException, BadRequestException {
        Map<String, String> query = Exchanges.queryParameters(exchange);
        Paging.Page page = page(query, settings);
        String type = query.get("type");
        if (type != null && !FleetEvent.TYPE_PATTERN.matcher(type).matches()) {
            throw new BadRequestException(
                    "type", "type '" + Exchanges.excerpt(type) + "' is invalid; use a type such as overspeed");
        }
        EventQuery filter = new EventQuery(
                id(query, "fleetId"),
                id(query, "vehicleId"),
                type,
                page.from(),
                page.to(),
                false,
                false,
                page.after(),
                page.rowsToRead());
        sendPage(exchange, database, filter, page.limit());
    }

    private void sendOne(HttpExchange exchange, String eventId) throws IOException {
        Optional<StoredEvent> found = find(database, eventId);
        if (found.isEmpty()) {
            sendEventNotFound(exchange, eventId);
            return;
        }
        Exchanges.sendJson(exchange, 200, ApiResponses.Event.of(found.get()));
    }

    /** Parses the time range and page of the events and alerts lists. */
    static Paging.Page page(Map<String, String> query, TrackerSettings settings) throws BadRequestException {
        // TODO: page by when events were stored too; by event time, a reader following nextCursor misses late events.
        return Paging.parse(query, settings.positionsDefaultLimit(), settings.positionsMaxLimit(), CURSOR_KIND);
    }

    /** Sends one page of events; {@code query} requests one row more than {@code limit}. */
    static void sendPage(HttpExchange exchange, Database database, EventQuery query, int limit) throws IOException {
        List<StoredEvent> found;
        try (Connection connection = database.connection()) {
            found = new EventStore().find(connection, query);
        } catch (SQLException e) {
            throw new IOException("Reading events failed: " + e.getMessage(), e);
        }
        Exchanges.sendJson(
                exchange,
                200,
                Paging.items(
                        found,
                        limit,
                        CURSOR_KIND,
                        ApiResponses.Event::of,
                        stored -> new EventQuery.PageKey(
                                stored.event().time(), stored.event().eventId())));
    }

    /** Returns the stored event, or empty when the id is unknown or invalid. */
    static Optional<StoredEvent> find(Database database, String eventId) throws IOException {
        if (!Ids.isValid(eventId)) {
            return Optional.empty();
        }
        try (Connection connection = database.connection()) {
            return new EventStore().findById(connection, eventId);
        } catch (SQLException e) {
            throw new IOException("Reading event " + eventId + " failed: " + e.getMessage(), e);
        }
    }

    static void sendEventNotFound(HttpExchange exchange, String eventId) throws IOException {
        Exchanges.sendError(exchange, 404, "not_found", "event '" + Exchanges.excerpt(eventId) + "' not found", null);
    }

    /**
     * Returns the id in query parameter {@code name}, or null when it is absent.
     *
     * @throws BadRequestException when the value does not follow the id rules
     */
    static @Nullable String id(Map<String, String> query, String name) throws BadRequestException {
        String value = query.get(name);
        if (value != null && !Ids.isValid(value)) {
            throw new BadRequestException(
                    name,
                    name + " '" + Exchanges.excerpt(value) + "' is not a valid id; use 1 to " + Ids.MAX_LENGTH
                            + " letters, digits, '-', '_' or '.'");
        }
        return value;
    }
}
