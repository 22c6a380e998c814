package org.fleettracker.tracker.internal.geofence;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.tracker.internal.geo.Circle;
import org.fleettracker.tracker.internal.geo.Shape;
import org.fleettracker.tracker.internal.storage.Dialect;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the {@code geofences} and {@code geofence_presence} tables. Stateless and thread-safe; the caller
 * owns the connection and its transaction.
 */
public final class GeofenceStore {

    private static final String COLUMNS =
            "geofence_id, fleet_id, name, source, geometry, radius_m, speed_limit_kmh, dwell_s, updated_time";

    private static final String INSERT = "INSERT INTO geofences (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM geofences";

    private static final String PRESENCE_COLUMNS = "vehicle_id, geofence_id, inside, since, dwell_raised";

    /**
     * Inserts the geofence, or replaces the stored one with its id.
     *
     * @return true when a geofence with this id was stored already
     */
    public boolean upsert(Connection connection, Geofence geofence, GeofenceSource source, Instant time)
            throws SQLException {
        boolean existed = find(connection, geofence.id()).isPresent();
        write(connection, upsertSql(connection), geofence, source, time);
        return existed;
    }

    /**
     * Inserts a new geofence. Presence rows left with its id, which the rule may write while an earlier geofence of
     * that id is being deleted, are removed first.
     *
     * @throws SQLException also when the id is taken, as a constraint violation
     */
    public void insert(Connection connection, Geofence geofence, GeofenceSource source, Instant time)
            throws SQLException {
        deletePresence(connection, geofence.id());
        write(connection, INSERT, geofence, source, time);
    }

    /**
     * Replaces the geofences that came from the file with {@code fileGeofences}: rows with their ids are
     * overwritten whatever their source, and file rows whose ids left the file are deleted. API rows stay.
     */
    public void replaceFileGeofences(Connection connection, List<Geofence> fileGeofences, Instant time)
            throws SQLException {
        List<String> ids = fileGeofences.stream().map(Geofence::id).toList();
        for (StoredGeofence stored : findAll(connection, null)) {
            String id = stored.geofence().id();
            if (stored.source() == GeofenceSource.FILE && !ids.contains(id)) {
                delete(connection, id);
            }
        }
        for (Geofence geofence : fileGeofences) {
            write(connection, upsertSql(connection), geofence, GeofenceSource.FILE, time);
        }
    }

    private static String upsertSql(Connection connection) throws SQLException {
        return Dialect.of(connection).upsert("geofences", COLUMNS, "geofence_id");
    }

    public Optional<StoredGeofence> find(Connection connection, String geofenceId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT + " WHERE geofence_id = ?")) {
            statement.setString(1, geofenceId);
            List<StoredGeofence> found = readAll(statement);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** Returns every geofence, or those of one fleet when {@code fleetId} is not null, in id order. */
    public List<StoredGeofence> findAll(Connection connection, @Nullable String fleetId) throws SQLException {
        String sql = SELECT + (fleetId == null ? "" : " WHERE fleet_id = ?") + " ORDER BY geofence_id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (fleetId != null) {
                statement.setString(1, fleetId);
            }
            return readAll(statement);
        }
    }

    /**
     * Deletes a geofence and every vehicle's presence in it.
     *
     * @return false when no geofence has this id
     */
    public boolean delete(Connection connection, String geofenceId) throws SQLException {
        deletePresence(connection, geofenceId);
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM geofences WHERE geofence_id = ?")) {
            statement.setString(1, geofenceId);
            return statement.executeUpdate() == 1;
        }
    }

    private static void deletePresence(Connection connection, String geofenceId) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("DELETE FROM geofence_presence WHERE geofence_id = ?")) {
            statement.setString(1, geofenceId);
            statement.executeUpdate();
        }
    }

    /** Returns every stored presence of a vehicle in a geofence that still exists. */
    public List<GeofencePresence> findPresence(Connection connection) throws SQLException {
        String sql = "SELECT vehicle_id, geofence_id, inside, since, dwell_raised FROM geofence_presence p"
                + " WHERE EXISTS (SELECT 1 FROM geofences g WHERE g.geofence_id = p.geofence_id)";
        List<GeofencePresence> presence = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                presence.add(new GeofencePresence(
                        rows.getString("vehicle_id"),
                        rows.getString("geofence_id"),
                        rows.getBoolean("inside"),
                        rows.getObject("since", OffsetDateTime.class).toInstant(),
                        rows.getBoolean("dwell_raised")));
            }
        }
        return presence;
    }

    /** Inserts or replaces the presence of a vehicle in a geofence. */
    public void savePresence(Connection connection, GeofencePresence presence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                Dialect.of(connection).upsert("geofence_presence", PRESENCE_COLUMNS, "vehicle_id, geofence_id"))) {
            statement.setString(1, presence.vehicleId());
            statement.setString(2, presence.geofenceId());
            statement.setBoolean(3, presence.inside());
            statement.setObject(4, utc(presence.since()));
            statement.setBoolean(5, presence.dwellRaised());
            statement.executeUpdate();
        }
    }

    private static void write(Connection connection, String sql, Geofence geofence, GeofenceSource source, Instant time)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, geofence.id());
            statement.setString(2, geofence.fleetId());
            statement.setString(3, geofence.name());
            statement.setString(4, source.code());
            statement.setString(5, geometryText(geofence.shape()));
            setNullable(statement, 6, geofence.shape() instanceof Circle circle ? circle.radiusM() : null);
            setNullable(statement, 7, geofence.speedLimitKmh());
            Duration dwell = geofence.dwell();
            if (dwell == null) {
                statement.setNull(8, Types.BIGINT);
            } else {
                statement.setLong(8, dwell.toSeconds());
            }
            statement.setObject(9, utc(time));
            statement.executeUpdate();
        }
    }

    private static List<StoredGeofence> readAll(PreparedStatement statement) throws SQLException {
        List<StoredGeofence> geofences = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                geofences.add(read(rows));
            }
        }
        return geofences;
    }

    private static StoredGeofence read(ResultSet rows) throws SQLException {
        String id = rows.getString("geofence_id");
        try {
            Shape shape = GeofenceGeoJson.shape(
                    Json.mapper().readTree(rows.getString("geometry")), nullableDouble(rows, "radius_m"));
            long dwellSeconds = rows.getLong("dwell_s");
            Duration dwell = rows.wasNull() ? null : Duration.ofSeconds(dwellSeconds);
            Geofence geofence = new Geofence(
                    id,
                    rows.getString("fleet_id"),
                    rows.getString("name"),
                    shape,
                    nullableDouble(rows, "speed_limit_kmh"),
                    dwell);
            return new StoredGeofence(
                    geofence,
                    GeofenceSource.fromCode(rows.getString("source")),
                    rows.getObject("updated_time", OffsetDateTime.class).toInstant());
        } catch (JsonProcessingException | InvalidGeofenceException | IllegalArgumentException e) {
            throw new SQLException("Stored geofence " + id + " is invalid: " + e.getMessage(), e);
        }
    }

    private static String geometryText(Shape shape) {
        try {
            return Json.mapper().writeValueAsString(GeofenceGeoJson.geometry(shape));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Encoding a geofence geometry failed: " + e.getMessage(), e);
        }
    }

    private static void setNullable(PreparedStatement statement, int index, @Nullable Double value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static @Nullable Double nullableDouble(ResultSet rows, String column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
