package org.fleettracker.tracker.internal.dispatch;

import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.tracker.internal.fleet.JobRule;
import org.fleettracker.tracker.internal.fleet.RuleOutcome;
import org.fleettracker.tracker.internal.storage.CommandStore;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.JobQuery;
import org.fleettracker.tracker.internal.storage.JobStatus;
import org.fleettracker.tracker.internal.storage.JobStore;
import org.fleettracker.tracker.internal.storage.StoredCommand;
import org.fleettracker.tracker.internal.storage.StoredJob;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates and cancels dispatch jobs. Each job is stored together with the {@code assign-job} command that sends it
 * to the vehicle, in one transaction, and a cancel sends a {@code cancel-job} command. Thread-safe.
 */
public final class JobService {

    private final Database database;
    private final CommandService commands;
    private final JobRule jobRule;
    private final Clock clock;
    private final JobStore store = new JobStore();
    private final CommandStore commandStore = new CommandStore();

    public JobService(Database database, CommandService commands, JobRule jobRule, Clock clock) {
        this.database = database;
        this.commands = commands;
        this.jobRule = jobRule;
        this.clock = clock;
    }

    /**
     * Stores the job and sends it to its vehicle. A repeated request with the id of a stored job returns that job
     * when its stops, vehicle and expiry are the same.
     *
     * @param expiresTime when the {@code assign-job} command expires, or null
     * @throws ConflictException when the job id belongs to a job with other content
     */
    public CommandService.Created<StoredJob> assign(
            String fleetId, Job job, @Nullable Instant expiresTime, String createdBy)
            throws ConflictException, SQLException {
        try {
            return assignOnce(fleetId, job, expiresTime, createdBy);
        } catch (SQLException e) {
            if (!CommandService.isDuplicateKey(e)) {
                throw e;
            }
            // A concurrent request with the same job id committed first; the retry finds and compares it.
            return assignOnce(fleetId, job, expiresTime, createdBy);
        }
    }

    private CommandService.Created<StoredJob> assignOnce(
            String fleetId, Job job, @Nullable Instant expiresTime, String createdBy)
            throws ConflictException, SQLException {
        CommandRequest request =
                new CommandRequest(null, CommandType.ASSIGN_JOB, null, Map.of("jobId", job.jobId()), expiresTime, job);
        List<RuleOutcome.RaisedEvent> events = new ArrayList<>();
        CommandService.Created<StoredCommand> command;
        StoredJob stored;
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                Optional<StoredJob> existing = store.find(connection, job.jobId());
                if (existing.isPresent()) {
                    return repeated(connection, existing.get(), fleetId, request);
                }
                Optional<StoredJob> active = store.findActive(connection, job.vehicleId());
                if (active.isPresent()) {
                    // A vehicle follows one job at a time; taking over silently would strand the other's stops.
                    throw new ConflictException("vehicle '" + job.vehicleId() + "' has active job '"
                            + active.get().job().jobId() + "' ("
                            + active.get().status().code()
                            + "); cancel it or wait until it is completed");
                }
                command = commands.insertCommand(
                        connection, fleetId, job.vehicleId(), request, job.jobId(), createdBy, events);
                stored = StoredJob.assigned(
                        job, fleetId, command.value().command().commandId(), createdBy, clock.instant());
                store.insert(connection, stored);
                connection.commit();
            } catch (SQLException | RuntimeException | ConflictException e) {
                connection.rollback();
                throw e;
            }
        }
        // TODO: in cluster mode other instances see the change only once they reload the vehicle.
        jobRule.jobsChanged();
        commands.publishEvents(events);
        commands.publish(command.value());
        return new CommandService.Created<>(stored, true);
    }

    private CommandService.Created<StoredJob> repeated(
            Connection connection, StoredJob existing, String fleetId, CommandRequest request)
            throws SQLException, ConflictException {
        StoredCommand command =
                commandStore.find(connection, existing.commandId()).orElseThrow();
        String hash = CommandService.requestHash(request, existing.job().vehicleId());
        if (!command.requestHash().equals(hash) || !existing.fleetId().equals(fleetId)) {
            throw new ConflictException("job '" + existing.job().jobId() + "' exists with different content");
        }
        return new CommandService.Created<>(existing, false);
    }

    /**
     * Cancels an active job and sends a {@code cancel-job} command to its vehicle.
     *
     * @return the cancelled job, or empty when there is no such job
     * @throws ConflictException when the job is completed, cancelled or rejected already
     */
    public Optional<StoredJob> cancel(String jobId, String cancelledBy) throws ConflictException, SQLException {
        List<RuleOutcome.RaisedEvent> events = new ArrayList<>();
        CommandService.Created<StoredCommand> command;
        StoredJob cancelled;
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                Optional<StoredJob> job = store.find(connection, jobId);
                if (job.isEmpty()) {
                    return Optional.empty();
                }
                if (!store.updateStatus(connection, jobId, JobStatus.CANCELLED, clock.instant())) {
                    throw new ConflictException(
                            "job '" + jobId + "' is " + job.get().status().code() + " and can no longer be cancelled");
                }
                CommandRequest request =
                        new CommandRequest(null, CommandType.CANCEL_JOB, null, Map.of("jobId", jobId), null, null);
                command = commands.insertCommand(
                        connection,
                        job.get().fleetId(),
                        job.get().job().vehicleId(),
                        request,
                        jobId,
                        cancelledBy,
                        events);
                cancelled = store.find(connection, jobId).orElseThrow();
                connection.commit();
            } catch (SQLException | RuntimeException | ConflictException e) {
                connection.rollback();
                throw e;
            }
        }
        jobRule.jobsChanged();
        commands.publishEvents(events);
        commands.publish(command.value());
        return Optional.of(cancelled);
    }

    public Optional<StoredJob> find(String jobId) throws SQLException {
        try (Connection connection = database.connection()) {
            return store.find(connection, jobId);
        }
    }

    public List<StoredJob> find(JobQuery query) throws SQLException {
        try (Connection connection = database.connection()) {
            return store.find(connection, query);
        }
    }
}
