package org.fleettracker.tracker.internal.dispatch;

import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.PayloadCodec;
import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.internal.fleet.JobRule;
import org.fleettracker.tracker.internal.fleet.RuleOutcome;
import org.fleettracker.tracker.internal.ingest.CommandAckHandler;
import org.fleettracker.tracker.internal.ingest.MqttOutbound;
import org.fleettracker.tracker.internal.storage.CommandStatus;
import org.fleettracker.tracker.internal.storage.CommandStore;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.EventQuery;
import org.fleettracker.tracker.internal.storage.JobStatus;
import org.fleettracker.tracker.internal.storage.JobStore;
import org.fleettracker.tracker.internal.storage.StoredCommand;
import org.fleettracker.tracker.internal.storage.StoredJob;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The command flow: stores each command before publishing it, publishes it on the vehicle's commands topic, and
 * records every step (created, stored, published, delivered, acknowledged, completed, rejected, expired) with a
 * {@code command-updated} event.
 *
 * <p>A command is published after its transaction commits. A command whose publish failed (broker down) stays
 * {@code stored}, and a sweep every {@link #SWEEP_INTERVAL} publishes the stored ones again, so they go out within
 * that interval after the tracker reconnects or restarts. The sweep also expires commands whose expiry time passed
 * before the vehicle accepted them. PUBACK handling runs on the service's own thread, never on the MQTT client's.
 * Thread-safe.
 */
public final class CommandService implements CommandAckHandler, AutoCloseable {

    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(CommandService.class);

    /** Time between sweeps that publish stored commands and expire old ones. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);

    /**
     * Time after which a publish without a completion counts as lost, so the sweep publishes the command again. Paho
     * drops the completions of a client that the tracker replaced; the vehicle applies a repeated command once.
     */
    static final Duration IN_FLIGHT_TIMEOUT = Duration.ofSeconds(60);

    /** Largest MQTT 5 message expiry interval, a four-byte unsigned integer of seconds. */
    static final long MAX_MESSAGE_EXPIRY_SECONDS = 0xFFFF_FFFFL;

    /** SQL state of a unique or primary key violation. */
    private static final String DUPLICATE_KEY_STATE = "23505";

    /** Maximum commands one sweep publishes again. */
    private static final int SWEEP_BATCH = 500;

    private final Database database;
    private final CommandPublisher publisher;
    private final MqttOutbound outbound;
    private final JobRule jobs;
    private final Clock clock;
    private final CommandStore store = new CommandStore();
    private final JobStore jobStore = new JobStore();
    private final CommandEvents commandEvents = new CommandEvents();
    /** Commands whose publish has not completed yet, with the {@link System#nanoTime()} it started. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    /** Number of unpublished commands the previous sweep found; only the sweep thread uses it. */
    private int lastUnpublishedCount;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tracker-commands");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Creates the service; {@link #start()} begins the sweeps.
     *
     * @param outbound where the {@code command-updated} events are published
     * @param jobs the rule to notify when a job changes, so that it reads the active jobs again
     */
    public CommandService(
            Database database, CommandPublisher publisher, MqttOutbound outbound, JobRule jobs, Clock clock) {
        this.database = database;
        this.publisher = publisher;
        this.outbound = outbound;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Runs the first sweep now, which publishes what a previous run left stored, and then every 5 s. */
    public void start() {
        executor.scheduleWithFixedDelay(this::sweep, 0, SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            // A sweep that is running must end before the caller closes the database under it.
            if (!executor.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("The command sweep did not stop within {} s", CLOSE_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A stored value and whether this request created it (false: an identical earlier request did). */
    public record Created<T>(T value, boolean created) {}

    /**
     * Stores a command for the vehicle and publishes it. A request with the id of a stored command returns that
     * command when its content is the same.
     *
     * @throws ConflictException when the id belongs to a command with other content or for another vehicle
     * @throws IllegalArgumentException when the command is invalid or too large to publish
     * @throws SQLException when the database fails
     */
    public Created<StoredCommand> send(String fleetId, String vehicleId, CommandRequest request, String issuedBy)
            throws ConflictException, SQLException {
        try {
            return sendOnce(fleetId, vehicleId, request, issuedBy);
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // A concurrent request with the same command id committed first; the retry finds and compares it.
            return sendOnce(fleetId, vehicleId, request, issuedBy);
        }
    }

    /** Returns whether {@code e} reports a duplicate primary key, such as from two requests with one id. */
    static boolean isDuplicateKey(SQLException e) {
        return DUPLICATE_KEY_STATE.equals(e.getSQLState());
    }

    private Created<StoredCommand> sendOnce(String fleetId, String vehicleId, CommandRequest request, String issuedBy)
            throws ConflictException, SQLException {
        Created<StoredCommand> result;
        List<RuleOutcome.RaisedEvent> events = new ArrayList<>();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                result = insertCommand(connection, fleetId, vehicleId, request, null, issuedBy, events);
                connection.commit();
            } catch (SQLException | RuntimeException | ConflictException e) {
                connection.rollback();
                throw e;
            }
        }
        publishEvents(events);
        if (result.created()) {
            publish(result.value());
        }
        return result;
    }

    /**
     * Stores a command in the open transaction, with its created and stored events added to {@code events};
     * {@link #publish} sends it after the commit.
     */
    Created<StoredCommand> insertCommand(
            Connection connection,
            String fleetId,
            String vehicleId,
            CommandRequest request,
            @Nullable String jobId,
            String issuedBy,
            List<RuleOutcome.RaisedEvent> events)
            throws SQLException, ConflictException {
        String commandId = request.commandId() != null
                ? request.commandId()
                : UUID.randomUUID().toString();
        String hash = requestHash(request, vehicleId);
        Optional<StoredCommand> existing = store.find(connection, commandId);
        if (existing.isPresent()) {
            if (existing.get().requestHash().equals(hash)) {
                return new Created<>(existing.get(), false);
            }
            throw new ConflictException("command '" + commandId + "' exists with different content");
        }
        Instant now = clock.instant();
        Command command = new Command(
                commandId,
                request.type(),
                now,
                request.expiresTime(),
                issuedBy,
                request.text(),
                request.parameters(),
                request.job());
        int size = Json.encode(command).length;
        if (size > PayloadCodec.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the command encodes to " + size + " bytes, more than the "
                    + PayloadCodec.MAX_PAYLOAD_BYTES + " a vehicle accepts; use fewer stops or shorter names");
        }
        store.insert(connection, fleetId, vehicleId, command, jobId, hash, now);
        StoredCommand stored = store.find(connection, commandId).orElseThrow();
        events.add(commandEvents.stored(connection, stored, CommandStatus.CREATED, null, now));
        events.add(commandEvents.stored(connection, stored, CommandStatus.STORED, null, now));
        return new Created<>(stored, true);
    }

    public Optional<StoredCommand> find(String commandId) throws SQLException {
        try (Connection connection = database.connection()) {
            return store.find(connection, commandId);
        }
    }

    /** Returns a vehicle's commands issued within [from, to) in (issued time, command id) order. */
    public List<StoredCommand> findByVehicle(
            String vehicleId,
            @Nullable Instant from,
            @Nullable Instant to,
            EventQuery.@Nullable PageKey after,
            int limit)
            throws SQLException {
        try (Connection connection = database.connection()) {
            return store.findByVehicle(connection, vehicleId, from, to, after, limit);
        }
    }

    @Override
    public AckOutcome apply(Connection connection, String fleetId, String vehicleId, CommandAck ack, Instant now)
            throws SQLException {
        Optional<StoredCommand> found = store.find(connection, ack.commandId());
        if (found.isEmpty()) {
            return AckOutcome.rejected(
                    RejectReason.UNKNOWN_COMMAND, "command '" + ack.commandId() + "' is unknown to the tracker");
        }
        StoredCommand command = found.get();
        if (!command.vehicleId().equals(vehicleId) || !ack.vehicleId().equals(vehicleId)) {
            return AckOutcome.rejected(
                    RejectReason.VEHICLE_ID_MISMATCH,
                    "command '" + ack.commandId() + "' was sent to vehicle '" + command.vehicleId() + "', not '"
                            + (ack.vehicleId().equals(vehicleId) ? vehicleId : ack.vehicleId()) + "'");
        }
        if (!command.fleetId().equals(fleetId)) {
            return AckOutcome.rejected(
                    RejectReason.FLEET_MISMATCH,
                    "command '" + ack.commandId() + "' belongs to fleet '" + command.fleetId() + "'");
        }
        CommandStatus status =
                switch (ack.status()) {
                    case RECEIVED -> CommandStatus.DELIVERED;
                    case ACCEPTED -> CommandStatus.ACKNOWLEDGED;
                    case COMPLETED -> CommandStatus.COMPLETED;
                    case REJECTED -> CommandStatus.REJECTED;
                };
        if (!store.advance(connection, command.command().commandId(), status, now, ack.reason())) {
            return AckOutcome.applied(List.of());
        }
        List<RuleOutcome.RaisedEvent> events = new ArrayList<>();
        events.add(commandEvents.stored(connection, command, status, ack.reason(), now));
        // A rejected ack after the flow ended (completed) is stored as a step but leaves the command and its job.
        if (status != CommandStatus.REJECTED || command.status().canMoveTo(status)) {
            updateJob(connection, command, status, now);
        }
        return AckOutcome.applied(events);
    }

    /**
     * Moves an assigned job to accepted when its command is acknowledged, or to rejected when the vehicle rejects it
     * or its command expires before the vehicle took it up.
     */
    private void updateJob(Connection connection, StoredCommand command, CommandStatus status, Instant now)
            throws SQLException {
        String jobId = command.jobId();
        if (jobId == null || command.command().type() != CommandType.ASSIGN_JOB) {
            return;
        }
        Optional<StoredJob> job = jobStore.find(connection, jobId);
        if (job.isEmpty()) {
            return;
        }
        boolean changed = false;
        if (status == CommandStatus.ACKNOWLEDGED && job.get().status() == JobStatus.ASSIGNED) {
            changed = jobStore.updateStatus(connection, jobId, JobStatus.ACCEPTED, now);
        } else if (status == CommandStatus.REJECTED
                || (status == CommandStatus.EXPIRED && job.get().status() == JobStatus.ASSIGNED)) {
            // An expired command ends only a job the vehicle never took up; one it is driving goes on.
            changed = jobStore.updateStatus(connection, jobId, JobStatus.REJECTED, now);
        }
        if (changed) {
            jobs.jobsChanged();
        }
    }

    /** Publishes a stored command unless a publish of it is already in flight or it has expired. */
    void publish(StoredCommand stored) {
        Command command = stored.command();
        if (!startPublish(command.commandId())) {
            return;
        }
        Long expirySeconds = null;
        Instant expires = command.expiresTime();
        if (expires != null) {
            long millisLeft = Duration.between(clock.instant(), expires).toMillis();
            if (millisLeft <= 0) {
                inFlight.remove(command.commandId());
                return;
            }
            // MQTT 5 carries the interval in four bytes; a later expiry gets the largest, about 136 years.
            expirySeconds = Math.min(MAX_MESSAGE_EXPIRY_SECONDS, Math.max(1, (millisLeft + 999) / 1000));
        }
        String topic = Topics.commands(stored.fleetId(), stored.vehicleId());
        publisher.publishCommand(topic, Json.encode(command), expirySeconds, acknowledged -> {
            try {
                executor.execute(() -> published(stored, acknowledged));
            } catch (RejectedExecutionException e) {
                inFlight.remove(command.commandId());
                log.debug("Command {} completed after the service stopped", command.commandId());
            }
        });
    }

    /** Marks the command as in flight; returns false while an earlier publish of it may still complete. */
    private boolean startPublish(String commandId) {
        long now = System.nanoTime();
        Long started = inFlight.putIfAbsent(commandId, now);
        if (started == null) {
            return true;
        }
        if (now - started < IN_FLIGHT_TIMEOUT.toNanos()) {
            return false;
        }
        log.info(
                "Publishing command {} got no completion within {}; publishing it again", commandId, IN_FLIGHT_TIMEOUT);
        return inFlight.replace(commandId, started, now);
    }

    private void published(StoredCommand stored, boolean acknowledged) {
        String commandId = stored.command().commandId();
        inFlight.remove(commandId);
        if (!acknowledged) {
            log.debug(
                    "Publishing command {} to vehicle {} failed; the next sweep retries it",
                    commandId,
                    stored.vehicleId());
            return;
        }
        List<RuleOutcome.RaisedEvent> events = new ArrayList<>();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            Instant now = clock.instant();
            try {
                if (store.advance(connection, commandId, CommandStatus.PUBLISHED, now, null)) {
                    events.add(commandEvents.stored(connection, stored, CommandStatus.PUBLISHED, null, now));
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            // The command stays stored, so the next sweep publishes it again and the vehicle does not apply the repeat.
            log.warn("Recording the PUBACK of command {} failed: {}", commandId, e.getMessage());
            return;
        }
        publishEvents(events);
    }

    /**
     * Publishes again each command that the broker took for one of these vehicles but that the vehicle never
     * confirmed: a vehicle that reconnects with a clean start lost whatever the broker held for it. A vehicle with a
     * kept session may get a command twice, and applies it once. Runs on the service thread.
     */
    @Override
    public void vehiclesOnline(Collection<String> vehicleIds) {
        List<String> copy = List.copyOf(vehicleIds);
        try {
            executor.execute(() -> republish(copy));
        } catch (RejectedExecutionException e) {
            log.debug("{} vehicles came online after the command service stopped", copy.size());
        }
    }

    private void republish(List<String> vehicleIds) {
        List<StoredCommand> missed = new ArrayList<>();
        try (Connection connection = database.connection()) {
            for (String vehicleId : vehicleIds) {
                missed.addAll(store.findPublishedTo(connection, vehicleId));
            }
        } catch (SQLException | RuntimeException e) {
            log.warn(
                    "Reading the unconfirmed commands of {} vehicles that came online failed: {}; they are sent"
                            + " again when the vehicles next come online",
                    vehicleIds.size(),
                    e.getMessage());
            return;
        }
        for (StoredCommand command : missed) {
            log.debug(
                    "Publishing command {} again: vehicle {} came online without confirming it",
                    command.command().commandId(),
                    command.vehicleId());
            publish(command);
        }
    }

    /** Expires the commands whose time passed and publishes the stored ones again; runs on the service thread. */
    void sweep() {
        try {
            expire();
            List<StoredCommand> unpublished;
            try (Connection connection = database.connection()) {
                unpublished = store.findUnpublished(connection, SWEEP_BATCH);
            }
            if (unpublished.size() != lastUnpublishedCount) {
                // Logged when the count changes, so a long broker outage does not log a line per sweep.
                log.info("{} stored commands wait for their publish", unpublished.size());
                lastUnpublishedCount = unpublished.size();
            }
            for (StoredCommand command : unpublished) {
                publish(command);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("The command sweep failed: {}; it runs again in {}", e.getMessage(), SWEEP_INTERVAL);
        }
    }

    private void expire() throws SQLException {
        List<RuleOutcome.RaisedEvent> events = new ArrayList<>();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                Instant now = clock.instant();
                for (StoredCommand command : store.findExpired(connection, now)) {
                    String reason = "expired at " + command.command().expiresTime();
                    if (store.advance(connection, command.command().commandId(), CommandStatus.EXPIRED, now, reason)) {
                        events.add(commandEvents.stored(connection, command, CommandStatus.EXPIRED, reason, now));
                        updateJob(connection, command, CommandStatus.EXPIRED, now);
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        publishEvents(events);
    }

    void publishEvents(List<RuleOutcome.RaisedEvent> events) {
        for (RuleOutcome.RaisedEvent event : events) {
            outbound.publish(Topics.events(event.fleetId()), Json.encode(event.event()), false);
        }
    }

    /** Returns the SHA-256 of the request's content for {@code vehicleId}, without its command id, in hex. */
    static String requestHash(CommandRequest request, String vehicleId) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Json.encode(request.fingerprint(vehicleId))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}
