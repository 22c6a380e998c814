package org.fleettracker.tracker.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the {@code vehicle_conditions} table. Stateless and thread-safe; the caller owns the connection. */
public final class ConditionStore {

    private static final String SELECT =
            "SELECT vehicle_id, condition, fleet_id, since, raised, detail FROM vehicle_conditions WHERE condition = ?";

    private static final String COLUMNS = "vehicle_id, condition, fleet_id, since, raised, detail";

    private static final String DELETE = "DELETE FROM vehicle_conditions WHERE vehicle_id = ? AND condition = ?";

    /** Returns every open condition of that name. */
    public List<VehicleCondition> findAll(Connection connection, String condition) throws SQLException {
        List<VehicleCondition> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, condition);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new VehicleCondition(
                            rows.getString("vehicle_id"),
                            rows.getString("condition"),
                            rows.getString("fleet_id"),
                            rows.getObject("since", OffsetDateTime.class).toInstant(),
                            rows.getBoolean("raised"),
                            rows.getString("detail")));
                }
            }
        }
        return found;
    }

    /** Inserts the condition or replaces the stored one of the same vehicle and name. */
    public void save(Connection connection, VehicleCondition condition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                Dialect.of(connection).upsert("vehicle_conditions", COLUMNS, "vehicle_id, condition"))) {
            statement.setString(1, condition.vehicleId());
            statement.setString(2, condition.condition());
            statement.setString(3, condition.fleetId());
            statement.setObject(4, PositionStore.utc(condition.since()));
            statement.setBoolean(5, condition.raised());
            statement.setString(6, condition.detail());
            statement.executeUpdate();
        }
    }

    /** Removes the vehicle's condition of that name, if any. */
    public void delete(Connection connection, String vehicleId, String condition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DELETE)) {
            statement.setString(1, vehicleId);
            statement.setString(2, condition);
            statement.executeUpdate();
        }
    }
}
