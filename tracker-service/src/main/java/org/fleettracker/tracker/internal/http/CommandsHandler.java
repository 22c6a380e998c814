package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.broker.api.Account;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.dispatch.CommandRequest;
import org.fleettracker.tracker.internal.dispatch.CommandService;
import org.fleettracker.tracker.internal.dispatch.ConflictException;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.EventQuery;
import org.fleettracker.tracker.internal.storage.StoredCommand;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/vehicles/{vehicleId}/commands}, {@code GET /api/v1/vehicles/{vehicleId}/commands} and
 * {@code GET /api/v1/commands/{commandId}}.
 */
final class CommandsHandler {

    /** Kind of the cursors of the commands list, which pages on (issued time, command id). */
    static final String CURSOR_KIND = "commands";

    private final CommandService commands;
    private final VehicleStates states;
    private final ApiAuth auth;
    private final TrackerSettings settings;
    private final Clock clock;

    CommandsHandler(
            CommandService commands, VehicleStates states, ApiAuth auth, TrackerSettings settings, Clock clock) {
        this.commands = commands;
        this.states = states;
        this.auth = auth;
        this.settings = settings;
        this.clock = clock;
    }

    void register(Router router) {
        router.add(
                "POST",
                VehiclesHandler.PREFIX + "/{vehicleId}/commands",
                (exchange, path) -> send(exchange, path.get("vehicleId")));
        router.add(
                "GET",
                VehiclesHandler.PREFIX + "/{vehicleId}/commands",
                (exchange, path) -> list(exchange, path.get("vehicleId")));
        router.add("GET", "/api/v1/commands/{commandId}", (exchange, path) -> get(exchange, path.get("commandId")));
    }

    private void send(HttpExchange exchange, String vehicleId) throws IOException, BadRequestException {
        Optional<String> fleetId = knownFleet(exchange, vehicleId);
        if (fleetId.isEmpty()) {
            return;
        }
        Optional<Account> account = auth.requireWriter(exchange, fleetId.get());
        if (account.isEmpty()) {
            return;
        }
        CommandRequest request = DispatchRequests.command(Exchanges.readJsonObject(exchange), clock.instant());
        CommandService.Created<StoredCommand> result;
        try {
            result = commands.send(
                    fleetId.get(), vehicleId, request, account.get().username());
        } catch (ConflictException e) {
            Exchanges.sendError(exchange, 409, "conflict", e.getMessage(), "commandId");
            return;
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(null, "the command is invalid: " + e.getMessage());
        } catch (SQLException e) {
            throw new IOException("Storing a command for vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
        Exchanges.sendJson(exchange, result.created() ? 201 : 200, DispatchResponses.CommandView.of(result.value()));
    }

    private void list(HttpExchange exchange, String vehicleId) throws IOException, BadRequestException {
        if (knownFleet(exchange, vehicleId).isEmpty()) {
            return;
        }
        Paging.Page page = Paging.parse(
                Exchanges.queryParameters(exchange),
                settings.positionsDefaultLimit(),
                settings.positionsMaxLimit(),
                CURSOR_KIND);
        List<StoredCommand> found;
        try {
            found = commands.findByVehicle(vehicleId, page.from(), page.to(), page.after(), page.rowsToRead());
        } catch (SQLException e) {
            throw new IOException("Reading the commands of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
        Exchanges.sendJson(
                exchange,
                200,
                Paging.items(
                        found,
                        page.limit(),
                        CURSOR_KIND,
                        DispatchResponses.CommandView::of,
                        stored -> new EventQuery.PageKey(
                                stored.command().issuedTime(), stored.command().commandId())));
    }

    private void get(HttpExchange exchange, String commandId) throws IOException {
        Optional<StoredCommand> found;
        try {
            found = Ids.isValid(commandId) ? commands.find(commandId) : Optional.empty();
        } catch (SQLException e) {
            throw new IOException("Reading command " + commandId + " failed: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            Exchanges.sendError(
                    exchange, 404, "not_found", "command '" + Exchanges.excerpt(commandId) + "' not found", null);
            return;
        }
        Exchanges.sendJson(exchange, 200, DispatchResponses.CommandView.of(found.get()));
    }

    /** Returns the fleet of a vehicle the tracker has a state for; otherwise sends 404 and returns empty. */
    private Optional<String> knownFleet(HttpExchange exchange, String vehicleId) throws IOException {
        VehicleState vehicle = Exchanges.knownVehicle(exchange, states, vehicleId);
        return vehicle == null ? Optional.empty() : Optional.of(vehicle.fleetId());
    }
}
