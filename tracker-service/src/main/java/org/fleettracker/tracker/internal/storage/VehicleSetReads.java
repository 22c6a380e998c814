package org.fleettracker.tracker.internal.storage;

import org.fleettracker.tracker.internal.storage.OdometerStore.Odometer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads the rows of a set of vehicles from the tables that the fleet rules cache, so that a rule can reload only the
 * vehicles another tracker instance changed. Each query takes at most {@link #MAX_IDS_PER_QUERY} ids, and larger sets
 * are split. Stateless and thread-safe; the caller owns the connection.
 */
public final class VehicleSetReads {

    /** Largest number of ids in one {@code IN} list. */
    public static final int MAX_IDS_PER_QUERY = 500;

    private static final String CONDITIONS = "SELECT vehicle_id, condition, fleet_id, since, raised, detail"
            + " FROM vehicle_conditions WHERE condition = ? AND vehicle_id IN ";

    private static final String ODOMETERS = "SELECT vehicle_id, fleet_id, distance_m, anchor_lat, anchor_lon,"
            + " last_fix_time FROM vehicle_odometers WHERE vehicle_id IN ";

    /** Returns the open conditions called {@code condition} of the vehicles in {@code vehicleIds}. */
    public List<VehicleCondition> conditions(Connection connection, String condition, Collection<String> vehicleIds)
            throws SQLException {
        List<VehicleCondition> found = new ArrayList<>();
        for (List<String> chunk : chunks(vehicleIds)) {
            try (PreparedStatement statement = connection.prepareStatement(CONDITIONS + inList(chunk.size()))) {
                statement.setString(1, condition);
                bind(statement, 2, chunk);
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
        }
        return found;
    }

    /** Returns the odometers of the vehicles in {@code vehicleIds}; a vehicle without one is left out. */
    public List<Odometer> odometers(Connection connection, Collection<String> vehicleIds) throws SQLException {
        List<Odometer> found = new ArrayList<>();
        for (List<String> chunk : chunks(vehicleIds)) {
            try (PreparedStatement statement = connection.prepareStatement(ODOMETERS + inList(chunk.size()))) {
                bind(statement, 1, chunk);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Odometer(
                                rows.getString("vehicle_id"),
                                rows.getString("fleet_id"),
                                rows.getDouble("distance_m"),
                                rows.getDouble("anchor_lat"),
                                rows.getDouble("anchor_lon"),
                                rows.getObject("last_fix_time", OffsetDateTime.class)
                                        .toInstant()));
                    }
                }
            }
        }
        return found;
    }

    /** Returns {@code (?, ?, ...)} with {@code count} parameters. */
    public static String inList(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an IN list needs at least one value, not " + count);
        }
        return "(" + "?, ".repeat(count - 1) + "?)";
    }

    /** Splits the ids into lists of at most {@link #MAX_IDS_PER_QUERY}, in their iteration order. */
    public static List<List<String>> chunks(Collection<String> vehicleIds) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> all = List.copyOf(vehicleIds);
        for (int from = 0; from < all.size(); from += MAX_IDS_PER_QUERY) {
            chunks.add(all.subList(from, Math.min(all.size(), from + MAX_IDS_PER_QUERY)));
        }
        return chunks;
    }

    /** Binds {@code values} to the parameters from {@code firstIndex} on. */
    public static void bind(PreparedStatement statement, int firstIndex, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(firstIndex + i, values.get(i));
        }
    }
}
