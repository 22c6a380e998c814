package org.fleettracker.tracker.internal.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and writes the {@code events} table. Stateless and thread-safe; the caller owns the connection. */
public final class EventStore {

    private static final String COLUMNS = "event_id, fleet_id, vehicle_id, type, event_time, raised_time, severity,"
            + " alert, attributes, acknowledged_by, acknowledged_time, acknowledged_note";

    private static final String INSERT =
            "INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)";

    private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM events WHERE event_id = ?";

    private static final String ACKNOWLEDGE = "UPDATE events SET acknowledged_by = ?, acknowledged_time = ?,"
            + " acknowledged_note = ? WHERE event_id = ? AND alert AND acknowledged_time IS NULL";

    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {};

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * An event to store with the fleet it belongs to.
     *
     * @param fleetId the fleet of the event's vehicle, or of the whole event when it names no vehicle
     */
    public record NewEvent(String fleetId, FleetEvent event) {}

    public void insert(Connection connection, String fleetId, FleetEvent event, Instant raisedTime)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            bind(statement, fleetId, event, raisedTime);
            statement.executeUpdate();
        }
    }

    /** Inserts the events in one JDBC batch. An id that is stored already fails the batch. */
    public void insertAll(Connection connection, List<NewEvent> events, Instant raisedTime) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (NewEvent event : events) {
                bind(statement, event.fleetId(), event.event(), raisedTime);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Inserts the event unless one with its id is stored already.
     *
     * @return whether it was inserted
     */
    public boolean insertIfNew(Connection connection, String fleetId, FleetEvent event, Instant raisedTime)
            throws SQLException {
        Dialect dialect = Dialect.of(connection);
        try (PreparedStatement statement = connection.prepareStatement(insertIfNewSql(dialect))) {
            bindIfNew(statement, dialect, new NewEvent(fleetId, event), raisedTime);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Inserts, in one JDBC batch, each event whose id is not stored yet, such as an OwnTracks transition that the
     * broker delivered twice. A repeated id within the list is inserted once.
     */
    public void insertAllIfNew(Connection connection, List<NewEvent> events, Instant raisedTime) throws SQLException {
        // Repeats are left out here, because H2 does not see a batch's own earlier rows in the NOT EXISTS test.
        Set<String> ids = new HashSet<>();
        List<NewEvent> firsts =
                events.stream().filter(e -> ids.add(e.event().eventId())).toList();
        if (firsts.isEmpty()) {
            return;
        }
        Dialect dialect = Dialect.of(connection);
        try (PreparedStatement statement = connection.prepareStatement(insertIfNewSql(dialect))) {
            for (NewEvent event : firsts) {
                bindIfNew(statement, dialect, event, raisedTime);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static String insertIfNewSql(Dialect dialect) {
        return dialect.insertIfAbsent("events", COLUMNS, "event_id");
    }

    private static void bindIfNew(PreparedStatement statement, Dialect dialect, NewEvent event, Instant raisedTime)
            throws SQLException {
        bind(statement, event.fleetId(), event.event(), raisedTime);
        statement.setNull(10, Types.VARCHAR);
        statement.setNull(11, Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setNull(12, Types.VARCHAR);
        if (dialect.bindsKeyTwice()) {
            statement.setString(13, event.event().eventId());
        }
    }

    private static void bind(PreparedStatement statement, String fleetId, FleetEvent event, Instant raisedTime)
            throws SQLException {
        statement.setString(1, event.eventId());
        statement.setString(2, fleetId);
        statement.setString(3, event.vehicleId());
        statement.setString(4, event.type());
        statement.setObject(5, PositionStore.utc(event.time()));
        statement.setObject(6, PositionStore.utc(raisedTime));
        statement.setString(7, event.severity().code());
        statement.setBoolean(8, event.alert());
        statement.setString(9, toJson(event.attributes()));
    }

    public Optional<StoredEvent> findById(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_BY_ID)) {
            statement.setString(1, eventId);
            List<StoredEvent> found = readAll(statement);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /**
     * Marks an open alert as acknowledged.
     *
     * @return false when the event is not an alert or was acknowledged already; it is left unchanged
     */
    public boolean acknowledge(
            Connection connection, String eventId, String username, Instant time, @Nullable String note)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ACKNOWLEDGE)) {
            statement.setString(1, username);
            statement.setObject(2, PositionStore.utc(time));
            statement.setString(3, note);
            statement.setString(4, eventId);
            return statement.executeUpdate() == 1;
        }
    }

    /** Returns the events that match the query, in (event time, event id) order. */
    public List<StoredEvent> find(Connection connection, EventQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM events WHERE TRUE");
        List<Object> values = new ArrayList<>();
        addFilter(sql, values, "fleet_id = ?", query.fleetId());
        addFilter(sql, values, "vehicle_id = ?", query.vehicleId());
        addFilter(sql, values, "type = ?", query.type());
        addFilter(sql, values, "event_time >= ?", query.from() == null ? null : PositionStore.utc(query.from()));
        addFilter(sql, values, "event_time < ?", query.to() == null ? null : PositionStore.utc(query.to()));
        if (query.alertsOnly() || query.openOnly() || query.acknowledgedOnly()) {
            sql.append(" AND alert");
        }
        if (query.openOnly()) {
            sql.append(" AND acknowledged_time IS NULL");
        }
        if (query.acknowledgedOnly()) {
            sql.append(" AND acknowledged_time IS NOT NULL");
        }
        EventQuery.PageKey after = query.after();
        if (after != null) {
            sql.append(" AND (event_time > ? OR (event_time = ? AND event_id > ?))");
            values.add(PositionStore.utc(after.time()));
            values.add(PositionStore.utc(after.time()));
            values.add(after.id());
        }
        sql.append(" ORDER BY event_time, event_id LIMIT ?");
        values.add(query.limit());
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            return readAll(statement);
        }
    }

    private static void addFilter(StringBuilder sql, List<Object> values, String condition, @Nullable Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            values.add(value);
        }
    }

    private static List<StoredEvent> readAll(PreparedStatement statement) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                events.add(read(rows));
            }
        }
        return events;
    }

    private static StoredEvent read(ResultSet rows) throws SQLException {
        FleetEvent event = new FleetEvent(
                rows.getString("event_id"),
                rows.getString("type"),
                rows.getString("vehicle_id"),
                instant(rows, "event_time"),
                EventSeverity.fromCode(rows.getString("severity")).orElse(EventSeverity.INFO),
                rows.getBoolean("alert"),
                fromJson(rows.getString("attributes")));
        return new StoredEvent(
                rows.getString("fleet_id"),
                event,
                instant(rows, "raised_time"),
                rows.getString("acknowledged_by"),
                nullableInstant(rows, "acknowledged_time"),
                rows.getString("acknowledged_note"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String toJson(Map<String, String> attributes) {
        try {
            return MAPPER.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Encoding event attributes failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> fromJson(String json) throws SQLException {
        try {
            return MAPPER.readValue(json, TEXT_MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("Stored event attributes are not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
