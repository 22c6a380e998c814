package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.broker.api.Account;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.fleet.VehicleLimits;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.VehicleSettingsStore;
import org.fleettracker.tracker.internal.storage.VehicleSettingsStore.VehicleSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET} and {@code PUT /api/v1/vehicles/{vehicleId}/settings}: a vehicle's own overspeed limit, which
 * overrides {@code fleet.overspeed-limit-kmh}. A PUT needs a dispatcher or admin of the vehicle's fleet and takes
 * effect from the vehicle's next fix.
 */
final class VehicleSettingsHandler {

    private static final Logger log = LoggerFactory.getLogger(VehicleSettingsHandler.class);

    private static final String PATH = VehiclesHandler.PREFIX + "/{vehicleId}/settings";

    private final VehicleStates states;
    private final Database database;
    private final VehicleLimits limits;
    private final ApiAuth auth;
    private final Clock clock;
    private final VehicleSettingsStore store = new VehicleSettingsStore();

    VehicleSettingsHandler(VehicleStates states, Database database, VehicleLimits limits, ApiAuth auth, Clock clock) {
        this.states = states;
        this.database = database;
        this.limits = limits;
        this.auth = auth;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("GET", PATH, (exchange, path) -> get(exchange, path.get("vehicleId")));
        router.add("PUT", PATH, (exchange, path) -> put(exchange, path.get("vehicleId")));
    }

    /**
     * Body of the settings endpoints.
     *
     * @param overspeedLimitKmh the vehicle's own limit, or null when the fleet-wide limit applies
     * @param updatedBy who last changed the settings, null until someone sets them
     */
    record Body(
            String vehicleId,
            String fleetId,
            @Nullable Double overspeedLimitKmh,
            @Nullable String updatedBy,
            @Nullable Instant updatedTime) {}

    private void get(HttpExchange exchange, String vehicleId) throws IOException {
        VehicleState state = Exchanges.knownVehicle(exchange, states, vehicleId);
        if (state == null) {
            return;
        }
        Optional<VehicleSettings> found;
        try (Connection connection = database.connection()) {
            found = store.find(connection, vehicleId);
        } catch (SQLException e) {
            throw new IOException("Reading the settings of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
        Exchanges.sendJson(
                exchange,
                200,
                found.map(VehicleSettingsHandler::body).orElse(new Body(vehicleId, state.fleetId(), null, null, null)));
    }

    private void put(HttpExchange exchange, String vehicleId) throws IOException, BadRequestException {
        VehicleState state = Exchanges.knownVehicle(exchange, states, vehicleId);
        if (state == null) {
            return;
        }
        Optional<Account> account = auth.requireWriter(exchange, state.fleetId());
        if (account.isEmpty()) {
            return;
        }
        Double limitKmh = limit(Exchanges.readJsonObject(exchange));
        VehicleSettings settings = new VehicleSettings(
                vehicleId, state.fleetId(), limitKmh, account.get().username(), clock.instant());
        try (Connection connection = database.connection()) {
            store.save(connection, settings);
        } catch (SQLException e) {
            throw new IOException("Saving the settings of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
        limits.forget(vehicleId);
        log.info(
                "User {} set the overspeed limit of vehicle {} to {} km/h",
                account.get().username(),
                vehicleId,
                limitKmh == null ? "the fleet default" : limitKmh);
        Exchanges.sendJson(exchange, 200, body(settings));
    }

    private static @Nullable Double limit(JsonNode body) throws BadRequestException {
        JsonNode node = body.get("overspeedLimitKmh");
        if (node == null) {
            throw new BadRequestException(
                    "overspeedLimitKmh",
                    "overspeedLimitKmh is missing; send a number in km/h, or null for the default");
        }
        if (node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !(node.doubleValue() > 0) || node.doubleValue() > Telemetry.MAX_SPEED_KMH) {
            throw new BadRequestException(
                    "overspeedLimitKmh",
                    "overspeedLimitKmh " + Exchanges.excerpt(node.toString()) + " must be a number above 0 and at most "
                            + Telemetry.MAX_SPEED_KMH);
        }
        return node.doubleValue();
    }

    private static Body body(VehicleSettings settings) {
        return new Body(
                settings.vehicleId(),
                settings.fleetId(),
                settings.overspeedLimitKmh(),
                settings.updatedBy(),
                settings.updatedTime());
    }
}
