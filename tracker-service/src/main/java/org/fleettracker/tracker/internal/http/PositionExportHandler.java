package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/v1/vehicles/{vehicleId}/positions.csv}, {@code .gpx} and {@code .geojson}: one vehicle's positions
 * with {@code from <= fixTime < to} as a file download, streamed as the rows are read.
 *
 * <p>Query parameters: {@code from} and {@code to} as for the positions list, {@code includeOutliers=true} to include
 * positions flagged as outliers (left out by default), and for GeoJSON {@code points=true} to add one Point feature
 * per position. A range of more than {@code exportMaxPositions} positions (default 100,000) is rejected with 400
 * before anything is written, so the client narrows the range or pages the positions list instead.
 */
final class PositionExportHandler {

    private static final Logger log = LoggerFactory.getLogger(PositionExportHandler.class);

    private final VehicleStates states;
    private final Database database;
    private final PositionStore positions = new PositionStore();
    private final int maxPositions;

    /** Creates the handler; an export of more than {@code maxPositions} positions is rejected. */
    PositionExportHandler(VehicleStates states, Database database, int maxPositions) {
        this.states = states;
        this.database = database;
        this.maxPositions = maxPositions;
    }

    void register(Router router) {
        String prefix = VehiclesHandler.PREFIX + "/{vehicleId}/positions.";
        router.add("GET", prefix + "csv", (exchange, path) -> export(exchange, path, query -> new CsvPositionExport()));
        router.add("GET", prefix + "gpx", (exchange, path) -> export(exchange, path, query -> new GpxPositionExport()));
        router.add(
                "GET",
                prefix + "geojson",
                (exchange, path) -> export(exchange, path, query -> new GeoJsonPositionExport(flag(query, "points"))));
    }

    /** Chooses the format from the query parameters. */
    @FunctionalInterface
    private interface FormatChoice {
        PositionExport choose(Map<String, String> query) throws BadRequestException;
    }

    private void export(HttpExchange exchange, Map<String, String> path, FormatChoice choice)
            throws IOException, BadRequestException {
        String vehicleId = path.get("vehicleId");
        if (Exchanges.knownVehicle(exchange, states, vehicleId) == null) {
            return;
        }
        Map<String, String> query = Exchanges.queryParameters(exchange);
        Range range = range(query);
        PositionExport format = choice.choose(query);
        try (Connection connection = database.connection()) {
            exportInSnapshot(exchange, connection, vehicleId, range, format);
        } catch (SQLException e) {
            throw new IOException("Exporting the positions of vehicle " + vehicleId + " failed: " + e.getMessage(), e);
        }
    }

    /** Counts and writes in one transaction, so that every pass over the rows reads the same ones. */
    private void exportInSnapshot(
            HttpExchange exchange, Connection connection, String vehicleId, Range range, PositionExport format)
            throws IOException, SQLException, BadRequestException {
        int isolation = connection.getTransactionIsolation();
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setAutoCommit(false);
        try {
            long count = positions.countRange(connection, vehicleId, range.from(), range.to(), range.outliers());
            if (count > maxPositions) {
                throw new BadRequestException(
                        "to",
                        "the range contains " + count + " positions, more than the export maximum of " + maxPositions
                                + "; narrow from and to, or page the positions list");
            }
            send(exchange, connection, vehicleId, range, format, count);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
            connection.setTransactionIsolation(isolation);
        }
    }

    private void send(
            HttpExchange exchange,
            Connection connection,
            String vehicleId,
            Range range,
            PositionExport format,
            long count)
            throws IOException, SQLException {
        exchange.getResponseHeaders().set("Content-Type", format.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders()
                .set(
                        "Content-Disposition",
                        "attachment; filename=\"" + vehicleId + "-positions." + format.extension() + "\"");
        // Length 0 makes the server send the body in chunks as it is written.
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody())) {
            format.write(
                    vehicleId,
                    count,
                    visitor -> positions.visitRange(
                            connection, vehicleId, range.from(), range.to(), range.outliers(), visitor),
                    out);
        }
        log.debug("Exported {} positions of vehicle {} as {}", count, vehicleId, format.extension());
    }

    private static Range range(Map<String, String> query) throws BadRequestException {
        Instant from = Paging.instant(query, "from");
        Instant to = Paging.instant(query, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadRequestException("to", "to " + to + " is before from " + from);
        }
        return new Range(from, to, flag(query, "includeOutliers"));
    }

    /**
     * Returns the boolean query parameter {@code name}, false when it is absent.
     *
     * @throws BadRequestException when the value is not {@code true} or {@code false}
     */
    private static boolean flag(Map<String, String> query, String name) throws BadRequestException {
        String value = query.get(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new BadRequestException(name, name + " '" + Exchanges.excerpt(value) + "' is invalid; use true or false");
    }

    /** The exported fix-time range, {@code from} inclusive and {@code to} exclusive, either may be open. */
    private record Range(@Nullable Instant from, @Nullable Instant to, boolean outliers) {}
}
