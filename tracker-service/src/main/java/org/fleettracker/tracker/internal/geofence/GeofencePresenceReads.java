package org.fleettracker.tracker.internal.geofence;

import org.fleettracker.tracker.internal.storage.VehicleSetReads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads the {@code geofence_presence} rows of a set of vehicles, for geofences that still exist, so the geofence rule
 * can reload only the vehicles another tracker instance changed. Stateless and thread-safe.
 */
final class GeofencePresenceReads {

    private static final String SELECT = "SELECT vehicle_id, geofence_id, inside, since, dwell_raised"
            + " FROM geofence_presence p"
            + " WHERE EXISTS (SELECT 1 FROM geofences g WHERE g.geofence_id = p.geofence_id) AND vehicle_id IN ";

    List<GeofencePresence> find(Connection connection, Collection<String> vehicleIds) throws SQLException {
        List<GeofencePresence> found = new ArrayList<>();
        for (List<String> chunk : VehicleSetReads.chunks(vehicleIds)) {
            try (PreparedStatement statement =
                    connection.prepareStatement(SELECT + VehicleSetReads.inList(chunk.size()))) {
                VehicleSetReads.bind(statement, 1, chunk);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(new GeofencePresence(
                                rows.getString("vehicle_id"),
                                rows.getString("geofence_id"),
                                rows.getBoolean("inside"),
                                rows.getObject("since", OffsetDateTime.class).toInstant(),
                                rows.getBoolean("dwell_raised")));
                    }
                }
            }
        }
        return found;
    }
}
