package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads and writes the {@code vehicle_odometers} table. Stateless and thread-safe; the caller owns the connection. */
public final class OdometerStore {

    private static final String SELECT_ALL = "SELECT vehicle_id, fleet_id, distance_m, anchor_lat, anchor_lon,"
            + " last_fix_time FROM vehicle_odometers";

    private static final String COLUMNS = "vehicle_id, fleet_id, distance_m, anchor_lat, anchor_lon, last_fix_time";

    /**
     * The distance a vehicle has covered.
     *
     * @param distanceM total distance counted so far, in metres
     * @param anchorLatitudeDeg latitude of the last fix that was counted
     * @param anchorLongitudeDeg longitude of the last fix that was counted
     * @param lastFixTime fix time of the newest fix the odometer has seen
     */
    public record Odometer(
            String vehicleId,
            String fleetId,
            double distanceM,
            double anchorLatitudeDeg,
            double anchorLongitudeDeg,
            Instant lastFixTime) {

        public Odometer {
            Ids.requireValid("vehicle id", vehicleId);
            Ids.requireValid("fleet id", fleetId);
            Objects.requireNonNull(lastFixTime, "lastFixTime");
        }
    }

    public List<Odometer> findAll(Connection connection) throws SQLException {
        List<Odometer> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT_ALL);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(new Odometer(
                        rows.getString("vehicle_id"),
                        rows.getString("fleet_id"),
                        rows.getDouble("distance_m"),
                        rows.getDouble("anchor_lat"),
                        rows.getDouble("anchor_lon"),
                        rows.getObject("last_fix_time", OffsetDateTime.class).toInstant()));
            }
        }
        return found;
    }

    /** Inserts or replaces the odometers, in one JDBC batch. */
    public void saveAll(Connection connection, List<Odometer> odometers) throws SQLException {
        if (odometers.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                Dialect.of(connection).upsert("vehicle_odometers", COLUMNS, "vehicle_id"))) {
            for (Odometer odometer : odometers) {
                statement.setString(1, odometer.vehicleId());
                statement.setString(2, odometer.fleetId());
                statement.setDouble(3, odometer.distanceM());
                statement.setDouble(4, odometer.anchorLatitudeDeg());
                statement.setDouble(5, odometer.anchorLongitudeDeg());
                statement.setObject(6, PositionStore.utc(odometer.lastFixTime()));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
