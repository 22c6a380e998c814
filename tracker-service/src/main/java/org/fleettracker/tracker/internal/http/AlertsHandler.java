package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.broker.api.Account;
import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.ingest.MqttOutbound;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.EventQuery;
import org.fleettracker.tracker.internal.storage.EventStore;
import org.fleettracker.tracker.internal.storage.StoredEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/v1/alerts?fleetId=&vehicleId=&state=open|acknowledged|all&from=&to=&limit=&after=} and {@code POST
 * /api/v1/alerts/{eventId}/acknowledge} with an optional body {@code {"note": "..."}}.
 *
 * <p>An acknowledgement stores the account's user name and the tracker clock's time with the alert, stores an {@code
 * alert-acknowledged} event in the same transaction, and publishes that event on the fleet's events topic after the
 * commit.
 */
final class AlertsHandler {

    static final String PATH = "/api/v1/alerts";

    /** Type of the event that records an acknowledgement. */
    static final String ACKNOWLEDGED_TYPE = "alert-acknowledged";

    /** Maximum characters of an acknowledgement note, the size of its column. */
    static final int MAX_NOTE_CHARS = 1000;

    /** Maximum bytes of an acknowledgement body: a note of 1,000 characters of up to 4 UTF-8 bytes, plus JSON. */
    private static final int MAX_BODY_BYTES = 4 * MAX_NOTE_CHARS + 1024;

    private static final Logger log = LoggerFactory.getLogger(AlertsHandler.class);

    private final Database database;
    private final TrackerSettings settings;
    private final ApiAuth auth;
    private final MqttOutbound outbound;
    private final Clock clock;
    private final EventStore events = new EventStore();

    AlertsHandler(Database database, TrackerSettings settings, ApiAuth auth, MqttOutbound outbound, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.auth = auth;
        this.outbound = outbound;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("GET", PATH, (exchange, path) -> sendList(exchange));
        router.add(
                "POST",
                PATH + "/{eventId}/acknowledge",
                (exchange, path) -> acknowledge(exchange, path.get("eventId")));
    }

    private void sendList(HttpExchange exchange) throws IOException, BadRequestException {
        Map<String, String> query = Exchanges.queryParameters(exchange);
        Paging.Page page = EventsHandler.page(query, settings);
        String state = query.getOrDefault("state", "open");
        if (!state.equals("open") && !state.equals("acknowledged") && !state.equals("all")) {
            throw new BadRequestException(
                    "state", "state '" + Exchanges.excerpt(state) + "' is invalid; use open, acknowledged or all");
        }
        EventQuery filter = new EventQuery(
                EventsHandler.id(query, "fleetId"),
                EventsHandler.id(query, "vehicleId"),
                null,
                page.from(),
                page.to(),
                true,
                state.equals("open"),
                state.equals("acknowledged"),
                page.after(),
                page.rowsToRead());
        EventsHandler.sendPage(exchange, database, filter, page.limit());
    }

    private void acknowledge(HttpExchange exchange, String eventId) throws IOException, BadRequestException {
        Optional<StoredEvent> found = EventsHandler.find(database, eventId);
        if (found.isEmpty()) {
            EventsHandler.sendEventNotFound(exchange, eventId);
            return;
        }
        StoredEvent alert = found.get();
        Optional<Account> account = auth.requireWriter(exchange, alert.fleetId());
        if (account.isEmpty() || !checkOpenAlert(exchange, alert)) {
            return;
        }
        String note = note(Exchanges.readBody(exchange, MAX_BODY_BYTES));
        String username = account.get().username();
        Instant now = clock.instant();
        FleetEvent acknowledged = acknowledgedEvent(alert, username, now);
        Optional<StoredEvent> stored = store(alert, username, now, note, acknowledged);
        if (stored.isEmpty()) {
            sendConflict(exchange, "alert " + eventId + " was acknowledged by another request");
            return;
        }
        log.info("Alert {} of fleet {} acknowledged by user '{}'", eventId, alert.fleetId(), username);
        outbound.publish(Topics.events(alert.fleetId()), Json.encode(acknowledged), false);
        Exchanges.sendJson(exchange, 200, ApiResponses.Event.of(stored.get()));
    }

    private static boolean checkOpenAlert(HttpExchange exchange, StoredEvent event) throws IOException {
        if (!event.event().alert()) {
            sendConflict(
                    exchange, "event " + event.event().eventId() + " is not an alert, so it takes no acknowledgement");
            return false;
        }
        if (event.acknowledgedTime() != null) {
            sendConflict(
                    exchange,
                    "alert " + event.event().eventId() + " was already acknowledged by " + event.acknowledgedBy()
                            + " at " + event.acknowledgedTime());
            return false;
        }
        return true;
    }

    private static FleetEvent acknowledgedEvent(StoredEvent alert, String username, Instant now) {
        return new FleetEvent(
                UUID.randomUUID().toString(),
                ACKNOWLEDGED_TYPE,
                alert.event().vehicleId(),
                now,
                EventSeverity.INFO,
                false,
                Map.of("alertId", alert.event().eventId(), "acknowledgedBy", username));
    }

    /** Stores the acknowledgement and its event in one transaction; empty when the alert is no longer open. */
    private Optional<StoredEvent> store(
            StoredEvent alert, String username, Instant now, @Nullable String note, FleetEvent acknowledged)
            throws IOException {
        String eventId = alert.event().eventId();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                if (!events.acknowledge(connection, eventId, username, now, note)) {
                    connection.rollback();
                    return Optional.empty();
                }
                events.insert(connection, alert.fleetId(), acknowledged, now);
                Optional<StoredEvent> stored = events.findById(connection, eventId);
                connection.commit();
                return stored;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("Acknowledging alert " + eventId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the note of an acknowledgement body, or null for an empty body or one without a note.
     *
     * @throws BadRequestException when the body is not a JSON object with at most a text {@code note}
     */
    private static @Nullable String note(byte[] body) throws IOException, BadRequestException {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode root = Exchanges.parseJsonObject(body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("note")) {
                throw new BadRequestException(
                        null, "the body has unknown field '" + Exchanges.excerpt(name) + "'; only note is allowed");
            }
        }
        JsonNode note = root.get("note");
        if (note == null || note.isNull()) {
            return null;
        }
        if (!note.isTextual()) {
            throw new BadRequestException(null, "note must be text");
        }
        if (note.textValue().length() > MAX_NOTE_CHARS) {
            throw new BadRequestException(null, "note is longer than " + MAX_NOTE_CHARS + " characters");
        }
        return note.textValue();
    }

    private static void sendConflict(HttpExchange exchange, String message) throws IOException {
        log.debug("Acknowledgement rejected with 409: {}", message);
        Exchanges.sendError(exchange, 409, "conflict", message, null);
    }
}
