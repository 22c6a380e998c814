package org.fleettracker.tracker.internal.storage;

import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads, locks and writes the {@code vehicle_versions} table, through which several tracker instances on one
 * database take turns per vehicle. The SQL is standard (MERGE, SELECT ... FOR UPDATE), for H2 and PostgreSQL.
 * Stateless and thread-safe; the caller owns the connection and its transaction.
 */
public final class VehicleVersionStore {

    private static final String COLUMNS = "vehicle_id, version, instance_id, online, presence_time";

    private static final String INSERT_MISSING = "MERGE INTO vehicle_versions v USING (VALUES %s) AS n (vehicle_id)"
            + " ON v.vehicle_id = n.vehicle_id"
            + " WHEN NOT MATCHED THEN INSERT (vehicle_id, version, instance_id) VALUES (n.vehicle_id, 0, '')";

    private static final String SELECT_SOME = "SELECT " + COLUMNS + " FROM vehicle_versions WHERE vehicle_id IN ";

    private static final String LOCK_SOME_SUFFIX = " ORDER BY vehicle_id FOR UPDATE";

    private static final String LOCK_ALL =
            "SELECT " + COLUMNS + " FROM vehicle_versions ORDER BY vehicle_id FOR UPDATE";

    private static final String BUMP = "UPDATE vehicle_versions SET version = version + 1, instance_id = ?,"
            + " updated_time = ? WHERE vehicle_id IN ";

    private static final String SAVE_PRESENCE =
            "UPDATE vehicle_versions SET online = ?, presence_time = ? WHERE vehicle_id = ?";

    /**
     * One row of {@code vehicle_versions}.
     *
     * @param version grows with every batch or tick that changed the vehicle
     * @param instanceId the tracker instance that wrote the version; empty when none did, or when a change outside
     *     the batches (such as a new job) asks every instance to reload the vehicle
     * @param online the latest applied presence, or null when none was applied
     * @param presenceTime when a tracker received that presence, or null
     */
    public record VehicleVersion(
            String vehicleId,
            long version,
            String instanceId,
            @Nullable Boolean online,
            @Nullable Instant presenceTime) {}

    /** Inserts a row with version 0 for each vehicle that has none, in its own statement. */
    public void insertMissing(Connection connection, Collection<String> vehicleIds) throws SQLException {
        for (List<String> chunk : VehicleSetReads.chunks(vehicleIds)) {
            String values = "(CAST(? AS VARCHAR(64))), ".repeat(chunk.size() - 1) + "(CAST(? AS VARCHAR(64)))";
            try (PreparedStatement statement = connection.prepareStatement(INSERT_MISSING.formatted(values))) {
                VehicleSetReads.bind(statement, 1, chunk);
                statement.executeUpdate();
            }
        }
    }

    /**
     * Locks the rows of {@code vehicleIds} until the transaction ends, in vehicle id order, so that two transactions
     * that lock overlapping sets wait for each other instead of deadlocking. One statement per
     * {@link VehicleSetReads#MAX_IDS_PER_QUERY} vehicles; pass the ids sorted so the statements lock in order too.
     *
     * @return the locked rows by vehicle id; a vehicle without a row is missing
     */
    public Map<String, VehicleVersion> lock(Connection connection, Collection<String> vehicleIds) throws SQLException {
        Map<String, VehicleVersion> locked = new LinkedHashMap<>();
        for (List<String> chunk : VehicleSetReads.chunks(vehicleIds)) {
            String sql = SELECT_SOME + VehicleSetReads.inList(chunk.size()) + LOCK_SOME_SUFFIX;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                VehicleSetReads.bind(statement, 1, chunk);
                readInto(statement, locked);
            }
        }
        return locked;
    }

    /** Locks every row until the transaction ends, in vehicle id order; returns them by vehicle id. */
    public Map<String, VehicleVersion> lockAll(Connection connection) throws SQLException {
        Map<String, VehicleVersion> locked = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(LOCK_ALL)) {
            readInto(statement, locked);
        }
        return locked;
    }

    /** Returns the rows of {@code vehicleIds} without locking them; a vehicle without a row is missing. */
    public Map<String, VehicleVersion> find(Connection connection, Collection<String> vehicleIds) throws SQLException {
        Map<String, VehicleVersion> found = new LinkedHashMap<>();
        for (List<String> chunk : VehicleSetReads.chunks(vehicleIds)) {
            try (PreparedStatement statement =
                    connection.prepareStatement(SELECT_SOME + VehicleSetReads.inList(chunk.size()))) {
                VehicleSetReads.bind(statement, 1, chunk);
                readInto(statement, found);
            }
        }
        return found;
    }

    /**
     * Adds 1 to the version of each vehicle and records {@code instanceId} as its writer; the caller should hold the
     * rows' locks, so that each new version is the locked one plus 1.
     */
    public void bump(Connection connection, Collection<String> vehicleIds, String instanceId, Instant now)
            throws SQLException {
        for (List<String> chunk : VehicleSetReads.chunks(vehicleIds)) {
            try (PreparedStatement statement =
                    connection.prepareStatement(BUMP + VehicleSetReads.inList(chunk.size()))) {
                statement.setString(1, instanceId);
                statement.setObject(2, PositionStore.utc(now));
                VehicleSetReads.bind(statement, 3, chunk);
                statement.executeUpdate();
            }
        }
    }

    /** Stores each vehicle's latest applied presence and its receive time, in one JDBC batch. */
    public void savePresence(Connection connection, Collection<VehicleVersion> presence) throws SQLException {
        if (presence.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(SAVE_PRESENCE)) {
            for (VehicleVersion row : presence) {
                if (row.online() == null || row.presenceTime() == null) {
                    statement.setNull(1, Types.BOOLEAN);
                    statement.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    statement.setBoolean(1, row.online());
                    statement.setObject(2, PositionStore.utc(row.presenceTime()));
                }
                statement.setString(3, row.vehicleId());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void readInto(PreparedStatement statement, Map<String, VehicleVersion> rows) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                OffsetDateTime presenceTime = result.getObject("presence_time", OffsetDateTime.class);
                VehicleVersion row = new VehicleVersion(
                        result.getString("vehicle_id"),
                        result.getLong("version"),
                        result.getString("instance_id"),
                        result.getObject("online", Boolean.class),
                        presenceTime == null ? null : presenceTime.toInstant());
                rows.put(row.vehicleId(), row);
            }
        }
    }
}
