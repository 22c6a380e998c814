package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.broker.api.Account;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.tracker.internal.geofence.Geofence;
import org.fleettracker.tracker.internal.geofence.GeofenceGeoJson;
import org.fleettracker.tracker.internal.geofence.GeofenceRegistry;
import org.fleettracker.tracker.internal.geofence.GeofenceSource;
import org.fleettracker.tracker.internal.geofence.GeofenceStore;
import org.fleettracker.tracker.internal.geofence.InvalidGeofenceException;
import org.fleettracker.tracker.internal.geofence.StoredGeofence;
import org.fleettracker.tracker.internal.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/geofences?fleetId=}, {@code POST /api/v1/geofences} and {@code GET}, {@code PUT} and
 * {@code DELETE /api/v1/geofences/{geofenceId}}. Bodies and responses are GeoJSON Features in the form of
 * {@link GeofenceGeoJson}, with the extra property {@code source} ({@code file} or {@code api}) in responses.
 *
 * <p>A write commits to the database and then updates the {@link GeofenceRegistry}, so the geofence rule applies it
 * from its next batch or tick. A geofence from the file that the API changes or deletes is restored from the file at
 * the next start.
 */
final class GeofencesHandler {

    static final String PREFIX = "/api/v1/geofences";

    /** Media type of GeoJSON (RFC 7946). */
    static final String GEO_JSON = "application/geo+json";

    private static final Logger log = LoggerFactory.getLogger(GeofencesHandler.class);

    private final Database database;
    private final GeofenceRegistry registry;
    private final ApiAuth auth;
    private final Clock clock;
    private final GeofenceStore store = new GeofenceStore();

    GeofencesHandler(Database database, GeofenceRegistry registry, ApiAuth auth, Clock clock) {
        this.database = database;
        this.registry = registry;
        this.auth = auth;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("GET", PREFIX, (exchange, path) -> sendList(exchange));
        router.add("POST", PREFIX, (exchange, path) -> create(exchange));
        router.add("GET", PREFIX + "/{geofenceId}", (exchange, path) -> sendOne(exchange, path.get("geofenceId")));
        router.add("PUT", PREFIX + "/{geofenceId}", (exchange, path) -> replace(exchange, path.get("geofenceId")));
        router.add("DELETE", PREFIX + "/{geofenceId}", (exchange, path) -> delete(exchange, path.get("geofenceId")));
    }

    // TODO: no paging (from, to, limit, after) yet; the list returns every geofence of the fleet at once.
    private void sendList(HttpExchange exchange) throws IOException, BadRequestException {
        String fleetId = EventsHandler.id(Exchanges.queryParameters(exchange), "fleetId");
        List<StoredGeofence> geofences;
        try (Connection connection = database.connection()) {
            geofences = store.findAll(connection, fleetId);
        } catch (SQLException e) {
            throw new IOException("Reading the geofences failed: " + e.getMessage(), e);
        }
        ObjectNode collection = Json.mapper().createObjectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        geofences.forEach(stored -> features.add(feature(stored)));
        sendGeoJson(exchange, 200, collection);
    }

    private void sendOne(HttpExchange exchange, String geofenceId) throws IOException {
        Optional<StoredGeofence> stored = find(geofenceId);
        if (stored.isEmpty()) {
            sendNoSuchGeofence(exchange, geofenceId);
            return;
        }
        sendGeoJson(exchange, 200, feature(stored.get()));
    }

    private void create(HttpExchange exchange) throws IOException, BadRequestException {
        Optional<Account> account = auth.authenticate(exchange);
        if (account.isEmpty()) {
            return;
        }
        Geofence geofence = readGeofence(exchange);
        if (auth.requireWriter(exchange, account.get(), geofence.fleetId()).isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try (Connection connection = database.connection()) {
            if (store.find(connection, geofence.id()).isPresent()) {
                sendConflict(exchange, geofence.id());
                return;
            }
            connection.setAutoCommit(false);
            store.insert(connection, geofence, GeofenceSource.API, now);
            connection.commit();
        } catch (SQLIntegrityConstraintViolationException e) {
            sendConflict(exchange, geofence.id());
            return;
        } catch (SQLException e) {
            throw new IOException("Storing geofence " + geofence.id() + " failed: " + e.getMessage(), e);
        }
        StoredGeofence stored = new StoredGeofence(geofence, GeofenceSource.API, now);
        registry.put(stored);
        log.info(
                "Geofence '{}' of fleet {} created by {}",
                geofence.id(),
                geofence.fleetId(),
                account.get().username());
        exchange.getResponseHeaders().set("Location", PREFIX + "/" + geofence.id());
        sendGeoJson(exchange, 201, feature(stored));
    }

    private void replace(HttpExchange exchange, String geofenceId) throws IOException, BadRequestException {
        Optional<Account> account = auth.authenticate(exchange);
        if (account.isEmpty()) {
            return;
        }
        Geofence geofence = readGeofence(exchange);
        if (!geofence.id().equals(geofenceId)) {
            throw new BadRequestException(
                    null,
                    "properties.id '" + geofence.id() + "' differs from the id in the path '"
                            + Exchanges.excerpt(geofenceId) + "'; a geofence cannot be renamed");
        }
        Optional<StoredGeofence> existing = find(geofenceId);
        if (existing.isEmpty()) {
            sendNoSuchGeofence(exchange, geofenceId);
            return;
        }
        String oldFleetId = existing.get().geofence().fleetId();
        if (auth.requireWriter(exchange, account.get(), oldFleetId).isEmpty()
                || auth.requireWriter(exchange, account.get(), geofence.fleetId())
                        .isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            store.upsert(connection, geofence, GeofenceSource.API, now);
            connection.commit();
        } catch (SQLException e) {
            throw new IOException("Storing geofence " + geofenceId + " failed: " + e.getMessage(), e);
        }
        StoredGeofence stored = new StoredGeofence(geofence, GeofenceSource.API, now);
        registry.put(stored);
        log.info(
                "Geofence '{}' of fleet {} replaced by {}",
                geofenceId,
                geofence.fleetId(),
                account.get().username());
        sendGeoJson(exchange, 200, feature(stored));
    }

    private void delete(HttpExchange exchange, String geofenceId) throws IOException {
        Optional<Account> account = auth.authenticate(exchange);
        if (account.isEmpty()) {
            return;
        }
        Optional<StoredGeofence> existing = find(geofenceId);
        if (existing.isEmpty()) {
            sendNoSuchGeofence(exchange, geofenceId);
            return;
        }
        String fleetId = existing.get().geofence().fleetId();
        if (auth.requireWriter(exchange, account.get(), fleetId).isEmpty()) {
            return;
        }
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            store.delete(connection, geofenceId);
            connection.commit();
        } catch (SQLException e) {
            throw new IOException("Deleting geofence " + geofenceId + " failed: " + e.getMessage(), e);
        }
        registry.remove(geofenceId);
        log.info(
                "Geofence '{}' of fleet {} deleted by {}",
                geofenceId,
                fleetId,
                account.get().username());
        Exchanges.send(exchange, 204, Exchanges.JSON, new byte[0]);
    }

    private Optional<StoredGeofence> find(String geofenceId) throws IOException {
        try (Connection connection = database.connection()) {
            return store.find(connection, geofenceId);
        } catch (SQLException e) {
            throw new IOException("Reading geofence " + geofenceId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the request body as a geofence Feature.
     *
     * @throws BadRequestException naming the field at fault, or when the body is not JSON or too large
     */
    private static Geofence readGeofence(HttpExchange exchange) throws IOException, BadRequestException {
        JsonNode feature = Exchanges.readJsonObject(exchange);
        try {
            return GeofenceGeoJson.fromFeature(feature);
        } catch (InvalidGeofenceException e) {
            throw new BadRequestException(null, "invalid geofence: " + e.getMessage(), e);
        }
    }

    private static ObjectNode feature(StoredGeofence stored) {
        return GeofenceGeoJson.toFeature(stored.geofence(), stored.source());
    }

    private static void sendGeoJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        Exchanges.send(exchange, status, GEO_JSON, Json.mapper().writeValueAsBytes(body));
    }

    private static void sendNoSuchGeofence(HttpExchange exchange, String geofenceId) throws IOException {
        Exchanges.sendError(
                exchange, 404, "not_found", "no geofence has the id '" + Exchanges.excerpt(geofenceId) + "'", null);
    }

    private static void sendConflict(HttpExchange exchange, String geofenceId) throws IOException {
        Exchanges.sendError(
                exchange,
                409,
                "conflict",
                "a geofence with the id '" + geofenceId + "' exists already; change it with PUT " + PREFIX + "/"
                        + geofenceId,
                null);
    }
}
