package org.fleettracker.tracker.internal.trips;

import org.fleettracker.tracker.internal.storage.Dialect;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the {@code trips} and {@code stops} tables. Stateless and thread-safe, and the caller owns the
 * connection.
 */
public final class TripStore {

    private static final String TRIP_COLUMNS = "trip_id, fleet_id, vehicle_id, start_time, start_lat, start_lon,"
            + " end_time, end_lat, end_lon, distance_m, max_speed_kmh, position_count, ongoing";

    private static final String STOP_COLUMNS =
            "stop_id, fleet_id, vehicle_id, start_time, end_time, last_fix_time, lat, lon";

    private static final String TRIPS_STARTING_FROM = "SELECT " + TRIP_COLUMNS + " FROM trips"
            + " WHERE vehicle_id = ? AND start_time >= ? ORDER BY start_time, trip_id";

    private static final String STOPS_STARTING_FROM = "SELECT " + STOP_COLUMNS + " FROM stops"
            + " WHERE vehicle_id = ? AND start_time >= ? ORDER BY start_time, stop_id";

    private static final String SEGMENT_STARTS_AT_OR_BEFORE = "SELECT start_time FROM ("
            + "(SELECT start_time FROM trips WHERE vehicle_id = ? AND start_time <= ?"
            + " ORDER BY start_time DESC LIMIT ?)"
            + " UNION ALL"
            + " (SELECT start_time FROM stops WHERE vehicle_id = ? AND start_time <= ?"
            + " ORDER BY start_time DESC LIMIT ?)"
            + ") AS starts ORDER BY start_time DESC LIMIT ?";

    private static final String TRIP_BY_ID = "SELECT " + TRIP_COLUMNS + " FROM trips WHERE trip_id = ?";

    /** Latest instant that fits the column type, used when a range has no end. */
    private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private static final int FETCH_SIZE = 1_000;

    /** Receives rows one at a time, so a caller can stream a large range. */
    @FunctionalInterface
    public interface RowConsumer<T> {
        void accept(T row) throws IOException;
    }

    /** Inserts the trip, or replaces the stored trip with the same id. */
    public void upsert(Connection connection, Trip trip) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(Dialect.of(connection).upsert("trips", TRIP_COLUMNS, "trip_id"))) {
            statement.setString(1, trip.tripId());
            statement.setString(2, trip.fleetId());
            statement.setString(3, trip.vehicleId());
            statement.setObject(4, TrackPoints.utc(trip.startTime()));
            statement.setDouble(5, trip.startLatitudeDeg());
            statement.setDouble(6, trip.startLongitudeDeg());
            statement.setObject(7, TrackPoints.utc(trip.endTime()));
            statement.setDouble(8, trip.endLatitudeDeg());
            statement.setDouble(9, trip.endLongitudeDeg());
            statement.setDouble(10, trip.distanceM());
            statement.setDouble(11, trip.maxSpeedKmh());
            statement.setInt(12, trip.positionCount());
            statement.setBoolean(13, trip.open());
            statement.executeUpdate();
        }
    }

    /** Inserts the stop, or replaces the stored stop with the same id. */
    public void upsert(Connection connection, Stop stop) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(Dialect.of(connection).upsert("stops", STOP_COLUMNS, "stop_id"))) {
            statement.setString(1, stop.stopId());
            statement.setString(2, stop.fleetId());
            statement.setString(3, stop.vehicleId());
            statement.setObject(4, TrackPoints.utc(stop.startTime()));
            Instant end = stop.endTime();
            statement.setObject(5, end == null ? null : TrackPoints.utc(end));
            statement.setObject(6, TrackPoints.utc(stop.lastFixTime()));
            statement.setDouble(7, stop.latitudeDeg());
            statement.setDouble(8, stop.longitudeDeg());
            statement.executeUpdate();
        }
    }

    public void deleteTrip(Connection connection, String tripId) throws SQLException {
        delete(connection, "DELETE FROM trips WHERE trip_id = ?", tripId);
    }

    public void deleteStop(Connection connection, String stopId) throws SQLException {
        delete(connection, "DELETE FROM stops WHERE stop_id = ?", stopId);
    }

    /** Returns the vehicle's trips and stops that start at or after {@code from}, each list by start time. */
    public Segments findStartingAtOrAfter(Connection connection, String vehicleId, Instant from) throws SQLException {
        List<Trip> trips;
        try (PreparedStatement statement = connection.prepareStatement(TRIPS_STARTING_FROM)) {
            statement.setString(1, vehicleId);
            statement.setObject(2, TrackPoints.utc(from));
            trips = readTrips(statement);
        }
        List<Stop> stops = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(STOPS_STARTING_FROM)) {
            statement.setString(1, vehicleId);
            statement.setObject(2, TrackPoints.utc(from));
            stops.addAll(readStops(statement));
        }
        return new Segments(trips, stops);
    }

    /**
     * Returns the start times of the vehicle's latest trips and stops that start at or before {@code time}, newest
     * first, at most {@code count} of them.
     */
    public List<Instant> findSegmentStartsAtOrBefore(Connection connection, String vehicleId, Instant time, int count)
            throws SQLException {
        List<Instant> starts = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SEGMENT_STARTS_AT_OR_BEFORE)) {
            statement.setString(1, vehicleId);
            statement.setObject(2, TrackPoints.utc(time));
            statement.setInt(3, count);
            statement.setString(4, vehicleId);
            statement.setObject(5, TrackPoints.utc(time));
            statement.setInt(6, count);
            statement.setInt(7, count);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    starts.add(instant(rows, "start_time"));
                }
            }
        }
        return starts;
    }

    /** Returns the start time of the vehicle's latest trip or stop, or empty when none is stored. */
    public Optional<Instant> findLatestStart(Connection connection, String vehicleId) throws SQLException {
        return findSegmentStartsAtOrBefore(connection, vehicleId, MAX_TIME, 1).stream()
                .findFirst();
    }

    public Optional<Trip> findTrip(Connection connection, String tripId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TRIP_BY_ID)) {
            statement.setString(1, tripId);
            return readTrips(statement).stream().findFirst();
        }
    }

    /** Returns one page of trips that overlap the query's range. */
    public List<Trip> findTrips(Connection connection, SegmentQuery query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(tripRangeSql(query))) {
            bindRange(statement, query);
            return readTrips(statement);
        }
    }

    /**
     * Passes each trip that overlaps the query's range to {@code consumer}, reading one row at a time.
     *
     * @throws IOException when the consumer fails, which stops the reading
     */
    public void forEachTrip(Connection connection, SegmentQuery query, RowConsumer<Trip> consumer)
            throws SQLException, IOException {
        try (PreparedStatement statement = connection.prepareStatement(tripRangeSql(query))) {
            bindRange(statement, query);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(readTrip(rows));
                }
            }
        }
    }

    private static String tripRangeSql(SegmentQuery query) {
        return "SELECT " + TRIP_COLUMNS + " FROM trips WHERE vehicle_id = ? AND start_time < ?"
                + " AND (ongoing OR end_time >= ?)" + pageCondition(query, "trip_id")
                + " ORDER BY start_time, trip_id LIMIT ?";
    }

    /** Returns one page of stops that overlap the query's range. An ongoing stop overlaps every later range. */
    public List<Stop> findStops(Connection connection, SegmentQuery query) throws SQLException {
        String sql = "SELECT " + STOP_COLUMNS + " FROM stops WHERE vehicle_id = ? AND start_time < ?"
                + " AND (end_time IS NULL OR end_time >= ?)" + pageCondition(query, "stop_id")
                + " ORDER BY start_time, stop_id LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindRange(statement, query);
            return readStops(statement);
        }
    }

    private static String pageCondition(SegmentQuery query, String idColumn) {
        return query.after() == null ? "" : " AND (start_time > ? OR (start_time = ? AND " + idColumn + " > ?))";
    }

    private static void bindRange(PreparedStatement statement, SegmentQuery query) throws SQLException {
        statement.setFetchSize(FETCH_SIZE);
        int index = 1;
        statement.setString(index++, query.vehicleId());
        statement.setObject(index++, TrackPoints.utc(query.to() == null ? MAX_TIME : query.to()));
        statement.setObject(index++, TrackPoints.utc(query.from() == null ? MIN_TIME : query.from()));
        SegmentQuery.PageKey after = query.after();
        if (after != null) {
            statement.setObject(index++, TrackPoints.utc(after.startTime()));
            statement.setObject(index++, TrackPoints.utc(after.startTime()));
            statement.setString(index++, after.id());
        }
        statement.setInt(index, query.limit());
    }

    private static void delete(Connection connection, String sql, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }

    private static List<Trip> readTrips(PreparedStatement statement) throws SQLException {
        List<Trip> trips = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                trips.add(readTrip(rows));
            }
        }
        return trips;
    }

    private static Trip readTrip(ResultSet rows) throws SQLException {
        return new Trip(
                rows.getString("trip_id"),
                rows.getString("fleet_id"),
                rows.getString("vehicle_id"),
                instant(rows, "start_time"),
                rows.getDouble("start_lat"),
                rows.getDouble("start_lon"),
                instant(rows, "end_time"),
                rows.getDouble("end_lat"),
                rows.getDouble("end_lon"),
                rows.getDouble("distance_m"),
                rows.getDouble("max_speed_kmh"),
                rows.getInt("position_count"),
                rows.getBoolean("ongoing"));
    }

    private static List<Stop> readStops(PreparedStatement statement) throws SQLException {
        List<Stop> stops = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                stops.add(new Stop(
                        rows.getString("stop_id"),
                        rows.getString("fleet_id"),
                        rows.getString("vehicle_id"),
                        instant(rows, "start_time"),
                        nullableInstant(rows, "end_time"),
                        instant(rows, "last_fix_time"),
                        rows.getDouble("lat"),
                        rows.getDouble("lon")));
            }
        }
        return stops;
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
