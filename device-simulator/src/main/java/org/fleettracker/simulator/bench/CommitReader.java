package org.fleettracker.simulator.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Reads {@code (vehicle_id, seq, stored_time)} of the bench fleet's positions from a stopped tracker's H2 file and
 * writes each stored time into the vehicle's {@link FixLog}.
 */
final class CommitReader {

    private static final String SELECT_STORED = "SELECT vehicle_id, seq, stored_time FROM positions WHERE fleet_id = ?";

    private CommitReader() {}

    /** Rows read: all of the bench fleet, those with a stored time, and those this run never published. */
    record Rows(long total, long withoutStoredTime, long unknown) {}

    /**
     * Reads the rows of the database the tracker kept in {@code trackerDataDir}, in read-only mode.
     *
     * @throws SQLException when the database cannot be opened, for example because the tracker still runs
     */
    static Rows read(Path trackerDataDir, Map<String, Integer> vehicleIndexes, Publishers publishers)
            throws SQLException {
        String url = "jdbc:h2:file:" + trackerDataDir.toAbsolutePath().resolve("tracker") + ";ACCESS_MODE_DATA=r";
        long total = 0;
        long withoutStoredTime = 0;
        long unknown = 0;
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
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
