package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.EventQuery.PageKey;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code GET /api/v1/vehicles}, {@code GET /api/v1/vehicles/{id}} and
 * {@code GET /api/v1/vehicles/{id}/positions?from=&to=&limit=&after=}, paged by {@link Paging} on (fix time, seq).
 */
final class VehiclesHandler {

    static final String PREFIX = "/api/v1/vehicles";

    /** Kind of the cursors of the positions endpoint; a cursor of another endpoint is rejected. */
    static final String CURSOR_KIND = "positions";

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
        VehicleState state = Exchanges.knownVehicle(exchange, states, vehicleId);
        if (state != null) {
            Exchanges.sendJson(exchange, 200, state);
        }
    }

    private void sendPositions(HttpExchange exchange, String vehicleId) throws IOException, BadRequestException {
        VehicleState state = Exchanges.knownVehicle(exchange, states, vehicleId);
        if (state == null) {
            return;
        }
        Paging.Page page = Paging.parse(
                Exchanges.queryParameters(exchange),
                settings.positionsDefaultLimit(),
                settings.positionsMaxLimit(),
                CURSOR_KIND);
        List<StoredPosition> found = readPage(vehicleId, page);
        Paging.Items<ApiResponses.Position> items =
                Paging.items(found, page.limit(), CURSOR_KIND, ApiResponses.Position::of, VehiclesHandler::key);
        Exchanges.sendJson(
                exchange,
                200,
                new ApiResponses.PositionList(state.fleetId(), vehicleId, items.items(), items.nextCursor()));
    }

    /** Reads one row more than the page size, because that extra row shows whether another page follows. */
    private List<StoredPosition> readPage(String vehicleId, Paging.Page page) throws IOException, BadRequestException {
        PageKey after = page.after();
        long afterSeq = after == null ? 0 : seq(after);
        try (Connection connection = database.connection()) {
            if (after == null) {
                return positions.findByFixTime(connection, vehicleId, page.from(), page.to(), page.rowsToRead());
            }
            return positions.findPageAfter(
                    connection, vehicleId, page.from(), page.to(), after.time(), afterSeq, page.rowsToRead());
        } catch (SQLException e) {
            throw new IOException("Reading the positions of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
    }

    private static PageKey key(StoredPosition position) {
        return new PageKey(
                position.fix().fixTime(), Long.toString(position.fix().seq()));
    }

    private static long seq(PageKey key) throws BadRequestException {
        try {
            return Long.parseLong(key.id());
        } catch (NumberFormatException e) {
            throw new BadRequestException("after", "after is not a cursor of a positions page");
        }
    }
}
