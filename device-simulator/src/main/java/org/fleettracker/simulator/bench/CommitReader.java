package org.fleettracker.simulator.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Reads {@code (vehicle_id, seq, stored_time)} of the bench fleet's positions from a stopped tracker's database and
 * writes each stored time into the vehicle's {@link FixLog}.
 */
final class CommitReader {

    private static final String SELECT_STORED = "SELECT vehicle_id, seq, stored_time FROM positions WHERE fleet_id = ?";

    private CommitReader() {}

    /** Rows read: all of the bench fleet, those with a stored time, and those this run never published. */
    record Rows(long total, long withoutStoredTime, long unknown) {}

    /**
     * Reads the rows of the tracker's database.
     *
     * @throws SQLException when the database cannot be opened, for example because the tracker still runs on H2
     */
    static Rows read(BenchDatabase database, Map<String, Integer> vehicleIndexes, Publishers publishers)
            throws SQLException {
        long total = 0;
        long withoutStoredTime = 0;
        long unknown = 0;
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(SELECT_STORED)) {
            statement.setString(1, BenchAccounts.FLEET_ID);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    total++;
                    Integer index = vehicleIndexes.get(rows.getString(1));
                    OffsetDateTime storedTime = rows.getObject(3, OffsetDateTime.class);
                    if (storedTime == null) {
                        withoutStoredTime++;
                    } else if (index == null
                            || !publishers.log(index).stored(rows.getLong(2), EpochMicros.of(storedTime.toInstant()))) {
                        unknown++;
                    }
                }
            }
        }
        return new Rows(total, withoutStoredTime, unknown);
    }
}
