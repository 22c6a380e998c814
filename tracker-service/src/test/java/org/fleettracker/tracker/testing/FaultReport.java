package org.fleettracker.tracker.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outcome of a fault test: what the vehicles sent and had acknowledged against what the database holds. It logs
 * one line {@code FAULT-REPORT <name>: sent=N acknowledged=N stored=N duplicates=N} and checks that the stored
 * fixes are exactly the acknowledged ones, each stored once.
 */
public final class FaultReport {

    private static final Logger log = LoggerFactory.getLogger(FaultReport.class);

    private static final int SAMPLE_SIZE = 20;

    private FaultReport() {}

    /**
     * Reads the positions of the vehicles whose id starts with {@code vehiclePrefix} from the database at
     * {@code jdbcUrl} (the tracker must have closed a file database), logs the report and asserts.
     */
    public static void check(String name, VehicleBurst burst, String jdbcUrl, String vehiclePrefix)
            throws SQLException {
        check(name, burst.sent(), burst.acknowledged(), jdbcUrl, vehiclePrefix);
    }

    /** Like {@link #check(String, VehicleBurst, String, String)} for fixes a test sent itself. */
    public static void check(
            String name, long sent, Set<VehicleBurst.Key> acknowledged, String jdbcUrl, String vehiclePrefix)
            throws SQLException {
        Set<VehicleBurst.Key> stored = new HashSet<>();
        Set<String> distinctFixes = new HashSet<>();
        long rows = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
                PreparedStatement select = connection.prepareStatement(
                        "SELECT vehicle_id, seq, fix_time, lat, lon FROM positions" + " WHERE vehicle_id LIKE ?")) {
            select.setString(1, vehiclePrefix + "%");
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows++;
                    stored.add(new VehicleBurst.Key(result.getString(1), result.getLong(2)));
                    distinctFixes.add(result.getString(1) + "|" + result.getString(3) + "|" + result.getDouble(4) + "|"
                            + result.getDouble(5));
                }
            }
        }
        long duplicates = rows - distinctFixes.size() + (rows - stored.size());
        log.info(
                "FAULT-REPORT {}: sent={} acknowledged={} stored={} duplicates={}",
                name,
                sent,
                acknowledged.size(),
                rows,
                duplicates);
        assertThat(sample(difference(acknowledged, stored)))
                .as("acknowledged but not stored")
                .isEmpty();
        assertThat(sample(difference(stored, acknowledged)))
                .as("stored but never acknowledged")
                .isEmpty();
        assertThat(duplicates).as("duplicate rows").isZero();
    }

    private static Set<VehicleBurst.Key> difference(Set<VehicleBurst.Key> left, Set<VehicleBurst.Key> right) {
        Set<VehicleBurst.Key> result = new HashSet<>(left);
        result.removeAll(right);
        return result;
    }

    private static String sample(Set<VehicleBurst.Key> keys) {
        return keys.isEmpty()
                ? ""
                : keys.size() + " fixes, such as "
                        + keys.stream().limit(SAMPLE_SIZE).toList();
    }
}
