package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.Json;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the {@code commands} and {@code command_steps} tables. Stateless and thread-safe; the caller
 * owns the connection and its transaction.
 */
public final class CommandStore {

    private static final String COLUMNS = "command_id, fleet_id, vehicle_id, type, job_id, issued_by, issued_time,"
            + " expires_time, status, reason, updated_time, request_hash, payload";

    /** Inserts a new command with its {@code created} and {@code stored} steps, both at {@code now}. */
    public void insert(
            Connection connection,
            String fleetId,
            String vehicleId,
            Command command,
            @Nullable String jobId,
            String requestHash,
            Instant now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO commands (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)")) {
            statement.setString(1, command.commandId());
            statement.setString(2, fleetId);
            statement.setString(3, vehicleId);
            statement.setString(4, command.type().code());
            statement.setString(5, jobId);
            statement.setString(6, command.issuedBy());
            statement.setObject(7, PositionStore.utc(command.issuedTime()));
            statement.setObject(8, JobStore.utcOrNull(command.expiresTime()));
            statement.setString(9, CommandStatus.STORED.code());
            statement.setObject(10, PositionStore.utc(now));
            statement.setString(11, requestHash);
            statement.setString(12, new String(Json.encode(command), StandardCharsets.UTF_8));
            statement.executeUpdate();
        }
        insertStep(connection, command.commandId(), CommandStatus.CREATED, now, null);
        insertStep(connection, command.commandId(), CommandStatus.STORED, now, null);
    }

    /**
     * Records that the command reached {@code status}. The step is stored once: a repeated step returns false and
     * changes nothing. The command's current status moves only forward ({@link CommandStatus#canMoveTo}), so a
     * late PUBACK after the vehicle's ack is kept as a step but does not move the status back.
     *
     * @return whether the step was new
     */
    public boolean advance(
            Connection connection, String commandId, CommandStatus status, Instant time, @Nullable String reason)
            throws SQLException {
        Optional<StoredCommand> current = find(connection, commandId);
        if (current.isEmpty()) {
            return false;
        }
        boolean stepRecorded = current.get().steps().stream().anyMatch(step -> step.status() == status);
        if (stepRecorded) {
            return false;
        }
        insertStep(connection, commandId, status, time, reason);
        if (current.get().status().canMoveTo(status)) {
            // The status condition keeps a concurrent, later step from being overwritten by this one.
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE commands SET status = ?, reason = ?, updated_time = ? WHERE command_id = ?"
                            + " AND status IN (" + earlierCodes(status) + ")")) {
                statement.setString(1, status.code());
                statement.setString(2, reason);
                statement.setObject(3, PositionStore.utc(time));
                statement.setString(4, commandId);
                statement.executeUpdate();
            }
        }
        return true;
    }

    /** Returns the quoted codes of the statuses that may move to {@code status}, comma-separated. */
    private static String earlierCodes(CommandStatus status) {
        List<String> codes = new ArrayList<>();
        for (CommandStatus earlier : CommandStatus.values()) {
            if (earlier.canMoveTo(status)) {
                codes.add("'" + earlier.code() + "'");
            }
        }
        return String.join(", ", codes);
    }

    private static void insertStep(
            Connection connection, String commandId, CommandStatus status, Instant time, @Nullable String reason)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO command_steps (command_id, status, step_time, reason) VALUES (?, ?, ?, ?)")) {
            statement.setString(1, commandId);
            statement.setString(2, status.code());
            statement.setObject(3, PositionStore.utc(time));
            statement.setString(4, reason);
            statement.executeUpdate();
        }
    }

    public Optional<StoredCommand> find(Connection connection, String commandId) throws SQLException {
        List<StoredCommand> found = select(connection, " WHERE command_id = ?", List.of(commandId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Returns the commands that are stored but not yet published, oldest first, at most {@code limit}. */
    public List<StoredCommand> findUnpublished(Connection connection, int limit) throws SQLException {
        return select(
                connection,
                " WHERE status IN ('created', 'stored') ORDER BY issued_time, command_id LIMIT ?",
                List.of(limit));
    }

    /**
     * Returns the vehicle's commands that the broker took but the vehicle never confirmed, oldest first. A vehicle
     * that connects without a kept session gets no command that was published while it was offline.
     */
    public List<StoredCommand> findPublishedTo(Connection connection, String vehicleId) throws SQLException {
        return select(
                connection,
                " WHERE vehicle_id = ? AND status = 'published' ORDER BY issued_time, command_id",
                List.of(vehicleId));
    }

    /** Returns the commands whose expiry time is not after {@code now} and that the vehicle has not accepted. */
    public List<StoredCommand> findExpired(Connection connection, Instant now) throws SQLException {
        return select(
                connection,
                " WHERE status IN ('created', 'stored', 'published', 'delivered') AND expires_time <= ?"
                        + " ORDER BY issued_time, command_id",
                List.of(PositionStore.utc(now)));
    }

    /** Returns a vehicle's commands by (issued time, command id), issued within [from, to). */
    public List<StoredCommand> findByVehicle(
            Connection connection,
            String vehicleId,
            @Nullable Instant from,
            @Nullable Instant to,
            EventQuery.@Nullable PageKey after,
            int limit)
            throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE vehicle_id = ?");
        List<Object> values = new ArrayList<>(List.of(vehicleId));
        if (from != null) {
            where.append(" AND issued_time >= ?");
            values.add(PositionStore.utc(from));
        }
        if (to != null) {
            where.append(" AND issued_time < ?");
            values.add(PositionStore.utc(to));
        }
        if (after != null) {
            where.append(" AND (issued_time > ? OR (issued_time = ? AND command_id > ?))");
            values.add(PositionStore.utc(after.time()));
            values.add(PositionStore.utc(after.time()));
            values.add(after.id());
        }
        where.append(" ORDER BY issued_time, command_id LIMIT ?");
        values.add(limit);
        return select(connection, where.toString(), values);
    }

    private static List<StoredCommand> select(Connection connection, String where, List<Object> values)
            throws SQLException {
        List<StoredCommand> commands = new ArrayList<>();
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM commands" + where)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    commands.add(read(connection, rows));
                }
            }
        }
        return commands;
    }

    private static StoredCommand read(Connection connection, ResultSet rows) throws SQLException {
        String commandId = rows.getString("command_id");
        Command command;
        try {
            command = Json.decode(rows.getString("payload").getBytes(StandardCharsets.UTF_8), Command.class);
        } catch (IllegalArgumentException e) {
            throw new SQLException("Stored command " + commandId + " is not a valid command: " + e.getMessage(), e);
        }
        return new StoredCommand(
                command,
                rows.getString("fleet_id"),
                rows.getString("vehicle_id"),
                rows.getString("job_id"),
                CommandStatus.fromCode(rows.getString("status"))
                        .orElseThrow(() -> new SQLException("unknown status of command " + commandId)),
                rows.getString("reason"),
                JobStore.instant(rows, "updated_time"),
                rows.getString("request_hash"),
                steps(connection, commandId));
    }

    private static List<StoredCommand.Step> steps(Connection connection, String commandId) throws SQLException {
        List<StoredCommand.Step> steps = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT status, step_time, reason FROM command_steps WHERE command_id = ?")) {
            statement.setString(1, commandId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    CommandStatus status = CommandStatus.fromCode(rows.getString("status"))
                            .orElseThrow(() -> new SQLException("unknown step of command " + commandId));
                    steps.add(new StoredCommand.Step(
                            status, JobStore.instant(rows, "step_time"), rows.getString("reason")));
                }
            }
        }
        // Steps of the same time keep the flow's order.
        steps.sort((a, b) -> {
            int byTime = a.time().compareTo(b.time());
            return byTime != 0
                    ? byTime
                    : Integer.compare(a.status().ordinal(), b.status().ordinal());
        });
        return steps;
    }
}
