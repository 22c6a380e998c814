package org.fleettracker.tracker.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Takes and renews the leases of the {@code cluster_leases} table, each of which lets one tracker instance at a time
 * do a cluster-wide job. Stateless and thread-safe; the caller owns the connection.
 */
public final class ClusterLeaseStore {

    /** The lease of the fleet rules' time-based checks. */
    public static final String FLEET_TICK = "fleet-tick";

    private static final String TAKE = "UPDATE cluster_leases SET holder = ?, expires_time = ?"
            + " WHERE lease_name = ? AND (holder = ? OR expires_time < ?)";

    /**
     * Renews the lease when {@code holder} holds it, or takes it over when its expiry time lies before {@code now},
     * in one statement, so two instances cannot both win it.
     *
     * @return whether {@code holder} holds the lease until {@code expiresTime}
     */
    public boolean tryTake(Connection connection, String leaseName, String holder, Instant now, Instant expiresTime)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TAKE)) {
            statement.setString(1, holder);
            statement.setObject(2, PositionStore.utc(expiresTime));
            statement.setString(3, leaseName);
            statement.setString(4, holder);
            statement.setObject(5, PositionStore.utc(now));
            return statement.executeUpdate() == 1;
        }
    }
}
