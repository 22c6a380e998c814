package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.broker.api.Account;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.dispatch.CommandRequest;
import org.fleettracker.tracker.internal.dispatch.CommandService;
import org.fleettracker.tracker.internal.dispatch.ConflictException;
import org.fleettracker.tracker.internal.state.VehicleStates;
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
        CommandRequest request = DispatchRequests.command(DispatchRequests.body(exchange), clock.instant());
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
        DispatchRequests.ListQuery query = DispatchRequests.listQuery(Exchanges.queryParameters(exchange), settings);
        List<StoredCommand> found;
        try {
            // Reading one row more than the limit shows whether another page follows.
            found = commands.findByVehicle(vehicleId, query.from(), query.to(), query.after(), query.limit() + 1);
        } catch (SQLException e) {
            throw new IOException("Reading the commands of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
        boolean more = found.size() > query.limit();
        List<StoredCommand> page = more ? found.subList(0, query.limit()) : found;
        String next = null;
        if (more) {
            StoredCommand last = page.get(page.size() - 1);
            next = DispatchRequests.cursor(
                    last.command().issuedTime(), last.command().commandId());
        }
        Exchanges.sendJson(
                exchange,
                200,
                new DispatchResponses.Page<>(
                        page.stream().map(DispatchResponses.CommandView::of).toList(), next));
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
        Optional<String> fleetId = Ids.isValid(vehicleId) ? states.fleetOf(vehicleId) : Optional.empty();
        if (fleetId.isEmpty()) {
            Exchanges.sendError(
                    exchange, 404, "not_found", "vehicle '" + Exchanges.excerpt(vehicleId) + "' not found", null);
        }
        return fleetId;
    }
}
