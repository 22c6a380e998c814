package org.fleettracker.tracker.internal.storage;

import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Reads and writes the {@code vehicle_settings} table. Stateless and thread-safe; the caller owns the connection. */
public final class VehicleSettingsStore {

    private static final String SELECT = "SELECT vehicle_id, fleet_id, overspeed_limit_kmh, updated_by, updated_time"
            + " FROM vehicle_settings WHERE vehicle_id = ?";

    private static final String COLUMNS = "vehicle_id, fleet_id, overspeed_limit_kmh, updated_by, updated_time";

    /**
     * Settings of one vehicle.
     *
     * @param overspeedLimitKmh the vehicle's own speed limit, or null to use the fleet-wide one
     * @param updatedBy user name of the dispatcher or admin who last changed them
     */
    public record VehicleSettings(
            String vehicleId,
            String fleetId,
            @Nullable Double overspeedLimitKmh,
            String updatedBy,
            Instant updatedTime) {}

    public Optional<VehicleSettings> find(Connection connection, String vehicleId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, vehicleId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new VehicleSettings(
                        rows.getString("vehicle_id"),
                        rows.getString("fleet_id"),
                        rows.getObject("overspeed_limit_kmh", Double.class),
                        rows.getString("updated_by"),
                        rows.getObject("updated_time", OffsetDateTime.class).toInstant()));
            }
        }
    }

    public void save(Connection connection, VehicleSettings settings) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(Dialect.of(connection).upsert("vehicle_settings", COLUMNS, "vehicle_id"))) {
            statement.setString(1, settings.vehicleId());
            statement.setString(2, settings.fleetId());
            if (settings.overspeedLimitKmh() == null) {
                statement.setNull(3, Types.DOUBLE);
            } else {
                statement.setDouble(3, settings.overspeedLimitKmh());
            }
            statement.setString(4, settings.updatedBy());
            statement.setObject(5, PositionStore.utc(settings.updatedTime()));
            statement.executeUpdate();
        }
    }
}
