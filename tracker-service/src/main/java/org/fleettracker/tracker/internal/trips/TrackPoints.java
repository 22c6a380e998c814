package org.fleettracker.tracker.internal.trips;

import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/** Reads a vehicle's accepted fixes from the {@code positions} table as {@link TrackPoint}s, one row at a time. */
final class TrackPoints {

    private static final String SELECT_FROM = "SELECT fix_time, lat, lon, speed_kmh, ignition FROM positions"
            + " WHERE vehicle_id = ? AND fix_time >= ? AND NOT outlier ORDER BY fix_time, seq";

    /** Earliest instant that fits the column type, used when the range has no start. */
    private static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private static final int FETCH_SIZE = 1_000;

    private TrackPoints() {}

    /**
     * Passes each accepted fix of the vehicle with a fix time at or after {@code from} to {@code consumer}, in
     * (fix time, seq) order.
     *
     * @param from inclusive start, or null for the vehicle's first fix
     * @return how many fixes were passed
     */
    static int forEachSince(
            Connection connection, String vehicleId, @Nullable Instant from, Consumer<TrackPoint> consumer)
            throws SQLException {
        int count = 0;
        try (PreparedStatement statement = connection.prepareStatement(SELECT_FROM)) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setString(1, vehicleId);
            statement.setObject(2, utc(from == null ? MIN_TIME : from));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(new TrackPoint(
                            rows.getObject("fix_time", OffsetDateTime.class).toInstant(),
                            rows.getDouble("lat"),
                            rows.getDouble("lon"),
                            rows.getDouble("speed_kmh"),
                            rows.getObject("ignition", Boolean.class)));
                    count++;
                }
            }
        }
        return count;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
