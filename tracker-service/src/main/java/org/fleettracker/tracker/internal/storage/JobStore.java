package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the {@code jobs} and {@code job_stops} tables. Stateless and thread-safe; the caller owns the
 * connection and its transaction.
 */
public final class JobStore {

    private static final String JOB_COLUMNS = "job_id, fleet_id, vehicle_id, status, command_id, created_by,"
            + " created_time, updated_time, stops_done, last_fix_time, offline_alerted";

    private static final String STOP_COLUMNS = "job_id, seq, stop_id, kind, name, latitude_deg, longitude_deg,"
            + " radius_m, window_start, window_end, arrived_time, departed_time, at_risk_alerted";

    private static final String ACTIVE = "('assigned', 'accepted', 'in-progress')";

    public void insert(Connection connection, StoredJob stored) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO jobs (" + JOB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, stored.job().jobId());
            statement.setString(2, stored.fleetId());
            statement.setString(3, stored.job().vehicleId());
            statement.setString(4, stored.status().code());
            statement.setString(5, stored.commandId());
            statement.setString(6, stored.createdBy());
            statement.setObject(7, PositionStore.utc(stored.createdTime()));
            statement.setObject(8, PositionStore.utc(stored.updatedTime()));
            statement.setInt(9, stored.stopsDone());
            statement.setObject(10, utcOrNull(stored.lastFixTime()));
            statement.setBoolean(11, stored.offlineAlerted());
            statement.executeUpdate();
        }
        insertStops(connection, stored);
    }

    private static void insertStops(Connection connection, StoredJob stored) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO job_stops (" + STOP_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            List<JobStop> stops = stored.job().stops();
            for (int seq = 0; seq < stops.size(); seq++) {
                JobStop stop = stops.get(seq);
                StoredJob.StopProgress progress = stored.stops().get(seq);
                statement.setString(1, stored.job().jobId());
                statement.setInt(2, seq);
                statement.setString(3, stop.stopId());
                statement.setString(4, stop.kind().code());
                statement.setString(5, stop.name());
                statement.setDouble(6, stop.latitudeDeg());
                statement.setDouble(7, stop.longitudeDeg());
                statement.setDouble(8, stop.radiusM());
                statement.setObject(9, utcOrNull(stop.windowStart()));
                statement.setObject(10, utcOrNull(stop.windowEnd()));
                statement.setObject(11, utcOrNull(progress.arrivedTime()));
                statement.setObject(12, utcOrNull(progress.departedTime()));
                statement.setBoolean(13, progress.atRiskAlerted());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    public Optional<StoredJob> find(Connection connection, String jobId) throws SQLException {
        List<StoredJob> found = select(connection, " WHERE job_id = ?", List.of(jobId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Returns every job that is assigned, accepted or in progress, oldest first. */
    public List<StoredJob> findActive(Connection connection) throws SQLException {
        return select(connection, " WHERE status IN " + ACTIVE + " ORDER BY created_time, job_id", List.of());
    }

    /** Returns the vehicle's newest job that is assigned, accepted or in progress, if any. */
    public Optional<StoredJob> findActive(Connection connection, String vehicleId) throws SQLException {
        List<StoredJob> found = select(
                connection,
                " WHERE vehicle_id = ? AND status IN " + ACTIVE + " ORDER BY created_time DESC, job_id DESC LIMIT 1",
                List.of(vehicleId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Returns the jobs that match the query, in (created time, job id) order. */
    public List<StoredJob> find(Connection connection, JobQuery query) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> values = new ArrayList<>();
        addFilter(where, values, "fleet_id = ?", query.fleetId());
        addFilter(where, values, "vehicle_id = ?", query.vehicleId());
        addFilter(
                where,
                values,
                "status = ?",
                query.status() == null ? null : query.status().code());
        addFilter(where, values, "created_time >= ?", utcOrNull(query.from()));
        addFilter(where, values, "created_time < ?", utcOrNull(query.to()));
        EventQuery.PageKey after = query.after();
        if (after != null) {
            where.append(" AND (created_time > ? OR (created_time = ? AND job_id > ?))");
            values.add(PositionStore.utc(after.time()));
            values.add(PositionStore.utc(after.time()));
            values.add(after.id());
        }
        where.append(" ORDER BY created_time, job_id LIMIT ?");
        values.add(query.limit());
        return select(connection, where.toString(), values);
    }

    /**
     * Moves an active job to {@code status}; a job that is already completed, cancelled or rejected keeps its status.
     *
     * @return whether the job was active and changed
     */
    public boolean updateStatus(Connection connection, String jobId, JobStatus status, Instant now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE jobs SET status = ?, updated_time = ? WHERE job_id = ? AND status IN " + ACTIVE)) {
            statement.setString(1, status.code());
            statement.setObject(2, PositionStore.utc(now));
            statement.setString(3, jobId);
            return statement.executeUpdate() == 1;
        }
    }

    /** Stores the fix time of the latest fix applied to the job's progress and the outage alert flag. */
    public void updateTracking(
            Connection connection, String jobId, @Nullable Instant lastFixTime, boolean offlineAlerted, Instant now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE jobs SET last_fix_time = ?, offline_alerted = ?, updated_time = ? WHERE job_id = ?")) {
            statement.setObject(1, utcOrNull(lastFixTime));
            statement.setBoolean(2, offlineAlerted);
            statement.setObject(3, PositionStore.utc(now));
            statement.setString(4, jobId);
            statement.executeUpdate();
        }
    }

    /** Stores a stop's progress and the job's count of departed stops. */
    public void updateStop(
            Connection connection, String jobId, int seq, StoredJob.StopProgress progress, int stopsDone, Instant now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE job_stops SET arrived_time = ?,"
                + " departed_time = ?, at_risk_alerted = ? WHERE job_id = ? AND seq = ?")) {
            statement.setObject(1, utcOrNull(progress.arrivedTime()));
            statement.setObject(2, utcOrNull(progress.departedTime()));
            statement.setBoolean(3, progress.atRiskAlerted());
            statement.setString(4, jobId);
            statement.setInt(5, seq);
            statement.executeUpdate();
        }
        try (PreparedStatement statement =
                connection.prepareStatement("UPDATE jobs SET stops_done = ?, updated_time = ? WHERE job_id = ?")) {
            statement.setInt(1, stopsDone);
            statement.setObject(2, PositionStore.utc(now));
            statement.setString(3, jobId);
            statement.executeUpdate();
        }
    }

    private static List<StoredJob> select(Connection connection, String where, List<Object> values)
            throws SQLException {
        List<StoredJob> jobs = new ArrayList<>();
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT " + JOB_COLUMNS + " FROM jobs" + where)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    jobs.add(readJob(connection, rows));
                }
            }
        }
        return jobs;
    }

    private static StoredJob readJob(Connection connection, ResultSet rows) throws SQLException {
        String jobId = rows.getString("job_id");
        List<JobStop> stops = new ArrayList<>();
        List<StoredJob.StopProgress> progress = new ArrayList<>();
        readStops(connection, jobId, stops, progress);
        return new StoredJob(
                new Job(jobId, rows.getString("vehicle_id"), stops),
                rows.getString("fleet_id"),
                JobStatus.fromCode(rows.getString("status"))
                        .orElseThrow(() -> new SQLException("unknown job status in job " + jobId)),
                rows.getString("command_id"),
                rows.getString("created_by"),
                instant(rows, "created_time"),
                instant(rows, "updated_time"),
                rows.getInt("stops_done"),
                nullableInstant(rows, "last_fix_time"),
                rows.getBoolean("offline_alerted"),
                progress);
    }

    private static void readStops(
            Connection connection, String jobId, List<JobStop> stops, List<StoredJob.StopProgress> progress)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + STOP_COLUMNS + " FROM job_stops WHERE job_id = ? ORDER BY seq")) {
            statement.setString(1, jobId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stops.add(new JobStop(
                            rows.getString("stop_id"),
                            JobStopKind.fromCode(rows.getString("kind"))
                                    .orElseThrow(() -> new SQLException("unknown stop kind in job " + jobId)),
                            rows.getString("name"),
                            rows.getDouble("latitude_deg"),
                            rows.getDouble("longitude_deg"),
                            rows.getDouble("radius_m"),
                            nullableInstant(rows, "window_start"),
                            nullableInstant(rows, "window_end")));
                    progress.add(new StoredJob.StopProgress(
                            nullableInstant(rows, "arrived_time"),
                            nullableInstant(rows, "departed_time"),
                            rows.getBoolean("at_risk_alerted")));
                }
            }
        }
    }

    private static void addFilter(StringBuilder sql, List<Object> values, String condition, @Nullable Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            values.add(value);
        }
    }

    static @Nullable OffsetDateTime utcOrNull(@Nullable Instant instant) {
        return instant == null ? null : PositionStore.utc(instant);
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    static @Nullable Instant nullableInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
