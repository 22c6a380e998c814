package org.fleettracker.console.internal.outbox;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.api.CommandRequest;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.api.TrackerApiClient;
import org.fleettracker.console.internal.api.WriteResult;
import org.fleettracker.console.internal.metrics.ConsoleMeters;
import org.fleettracker.console.internal.mqtt.Backoff;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * {@link ConsoleActions} backed by an {@link OutboxStore}: every action is on disk before the call returns, and one
 * background thread sends the pending ones in creation order while the console is online.
 *
 * <p>The outcome of a send decides what happens to the entry: 2xx is {@code SENT}; a 409 to an acknowledgement of an
 * alert that is already acknowledged is {@code SENT} too (the tracker has it); an {@link IOException}, a 5xx, a 408
 * or a 429 leaves it {@code PENDING} and the sender tries again after the response's {@code Retry-After}, else after a
 * backoff delay; any other 4xx is {@code FAILED} with the tracker's reason and is sent again only by {@link #retry}.
 * A pending entry blocks the ones behind it, so the tracker sees them in order.
 *
 * <p>Sent and failed entries leave the disk and stay in memory among the last
 * {@link ConsoleConfig#OUTBOX_RECENT_ENTRIES}.
 *
 * <p>Thread safe.
 */
public final class Outbox implements ConsoleActions, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private static final int CONFLICT = 409;

    private final OutboxStore store;
    private final TrackerApi api;
    private final BooleanSupplier online;
    private final Clock clock;
    private final ConsoleMeters meters;
    private final Backoff backoff;
    private final Duration minDelay;
    private final ScheduledExecutorService sender;
    private final AtomicLong version = new AtomicLong();
    private final Object lock = new Object();
    // Guarded by lock: the pending entries in creation order, and the recent sent or failed ones.
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private final ArrayDeque<Done> recent = new ArrayDeque<>();
    private long nextSequence;
    // Used on the sender thread only.
    private @Nullable ScheduledFuture<?> retry;
    // System.nanoTime() before which a wake-up does not send, because the tracker asked to wait (Retry-After).
    private long notBeforeNanos = System.nanoTime();

    /**
     * Opens the outbox in {@code folder} and loads what an earlier run left there; {@link #start()} begins sending.
     *
     * @param online returns whether the console is connected, the signal that sending may succeed
     * @throws UncheckedIOException when the folder cannot be created or listed
     */
    public Outbox(
            Path folder, TrackerApi api, BooleanSupplier online, Clock clock, Duration minDelay, Duration maxDelay) {
        this(folder, api, online, clock, minDelay, maxDelay, ConsoleMeters.unexported());
    }

    /** Opens the outbox as above; it counts the result of each send in {@code meters}. */
    public Outbox(
            Path folder,
            TrackerApi api,
            BooleanSupplier online,
            Clock clock,
            Duration minDelay,
            Duration maxDelay,
            ConsoleMeters meters) {
        this.meters = meters;
        this.store = new OutboxStore(folder);
        this.api = api;
        this.online = online;
        this.clock = clock;
        this.backoff = new Backoff(minDelay, maxDelay);
        this.minDelay = minDelay;
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "console-outbox");
            thread.setDaemon(true);
            return thread;
        });
        load();
    }

    private void load() {
        List<OutboxRecord> records;
        try {
            records = store.load();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the outbox folder " + store.folder() + ": " + e.getMessage(), e);
        }
        synchronized (lock) {
            for (OutboxRecord record : records) {
                pending.put(record.key(), new Pending(record, null));
                nextSequence = Math.max(nextSequence, record.sequence() + 1);
            }
        }
        if (!records.isEmpty()) {
            log.info("Outbox {} holds {} pending actions from an earlier run", store.folder(), records.size());
        }
    }

    /** Starts sending what is pending. */
    public void start() {
        wake();
    }

    /** Asks the sender to try now, for example after the connection came back; a waiting retry is brought forward. */
    public void wake() {
        try {
            sender.execute(this::sendPending);
        } catch (RejectedExecutionException e) {
            log.trace("Outbox is closed; ignoring a wake-up");
        }
    }

    @Override
    public OutboxEntry acknowledgeAlert(String eventId, @Nullable String note) {
        synchronized (lock) {
            Pending queued = pending.get(eventId);
            if (queued != null) {
                // The dispatcher clicked twice; the first acknowledgement is still on its way.
                return queued.entry();
            }
            return add(OutboxRecord.acknowledgement(nextSequence, clock.instant(), eventId, note));
        }
    }

    @Override
    public OutboxEntry sendCommand(
            String vehicleId, CommandType type, @Nullable String text, Map<String, String> parameters) {
        CommandRequest request = new CommandRequest("cmd-" + UUID.randomUUID(), type, text, parameters);
        synchronized (lock) {
            return add(OutboxRecord.command(nextSequence, clock.instant(), vehicleId, request));
        }
    }

    @Override
    public OutboxEntry createJob(String vehicleId, List<JobStop> stops) {
        Job job = new Job("job-" + UUID.randomUUID(), vehicleId, stops);
        synchronized (lock) {
            return add(OutboxRecord.job(nextSequence, clock.instant(), job));
        }
    }

    @Override
    public @Nullable OutboxEntry retry(String key) {
        synchronized (lock) {
            @Nullable Done failed = null;
            for (Done done : recent) {
                if (done.entry().key().equals(key) && done.entry().status() == OutboxEntry.Status.FAILED) {
                    failed = done;
                }
            }
            if (failed == null || pending.containsKey(key)) {
                return null;
            }
            OutboxEntry queued = add(failed.record().withSequence(nextSequence));
            recent.remove(failed);
            return queued;
        }
    }

    /** Stores and queues {@code record}; called with the lock held, so sequences follow creation order. */
    private OutboxEntry add(OutboxRecord record) {
        try {
            store.write(record);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot store " + record.summary() + " in the outbox " + store.folder() + ": " + e.getMessage(), e);
        }
        nextSequence = record.sequence() + 1;
        Pending queued = new Pending(record, null);
        pending.put(record.key(), queued);
        version.incrementAndGet();
        log.info("Outbox queued {} (key {})", record.summary(), record.key());
        wake();
        return queued.entry();
    }

    @Override
    public List<OutboxEntry> entries() {
        synchronized (lock) {
            List<OutboxEntry> all = new ArrayList<>(recent.size() + pending.size());
            recent.forEach(done -> all.add(done.entry()));
            pending.values().forEach(queued -> all.add(queued.entry()));
            return all;
        }
    }

    @Override
    public int pendingCount() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Returns a number that grows with every change of an entry, so views can tell when to refresh. */
    public long version() {
        return version.get();
    }

    /** Sends the pending entries in order until one must wait; runs on the sender thread. */
    private void sendPending() {
        if (System.nanoTime() - notBeforeNanos < 0) {
            // The scheduled retry runs when the tracker's wait is over.
            return;
        }
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        while (online.getAsBoolean()) {
            Pending next = first();
            if (next == null) {
                return;
            }
            Outcome outcome = send(next.record());
            if (outcome.status() == OutboxEntry.Status.PENDING) {
                update(next.record(), outcome);
                scheduleRetry(next.record(), outcome);
                return;
            }
            backoff.reset();
            finish(next.record(), outcome);
        }
    }

    private @Nullable Pending first() {
        synchronized (lock) {
            return pending.isEmpty() ? null : pending.values().iterator().next();
        }
    }

    private Outcome send(OutboxRecord record) {
        WriteResult result;
        try {
            result = switch (record.kind()) {
                case ALERT_ACKNOWLEDGEMENT -> api.acknowledgeAlert(record.key(), record.note());
                case COMMAND -> api.sendCommand(required(record.vehicleId()), required(record.command()));
                case JOB -> api.createJob(required(record.job()));
            };
        } catch (IOException e) {
            return new Outcome(OutboxEntry.Status.PENDING, e.getMessage(), null);
        }
        if (result.isSuccess()) {
            return new Outcome(OutboxEntry.Status.SENT, null, null);
        }
        String reason = TrackerApiClient.errorText(result.body());
        if (result.isTransient()) {
            return new Outcome(
                    OutboxEntry.Status.PENDING, "HTTP " + result.statusCode() + ": " + reason, result.retryAfter());
        }
        if (result.statusCode() == CONFLICT
                && record.kind() == OutboxEntry.Kind.ALERT_ACKNOWLEDGEMENT
                && isAlreadyAcknowledged(reason)) {
            return new Outcome(OutboxEntry.Status.SENT, "the tracker had it already: " + reason, null);
        }
        return new Outcome(OutboxEntry.Status.FAILED, "HTTP " + result.statusCode() + ": " + reason, null);
    }

    /**
     * Returns whether a 409 to an acknowledgement says the alert is acknowledged, rather than that the event is no
     * alert.
     */
    // NOTE: this reads the tracker's error text, because its 409 has no code that tells the two cases apart.
    private static boolean isAlreadyAcknowledged(String reason) {
        return reason.contains("already acknowledged") || reason.contains("acknowledged by another request");
    }

    private void update(OutboxRecord record, Outcome outcome) {
        synchronized (lock) {
            Pending queued = pending.get(record.key());
            if (queued != null && !Objects.equals(queued.detail(), outcome.detail())) {
                pending.put(record.key(), new Pending(record, outcome.detail()));
                version.incrementAndGet();
            }
        }
    }

    private void scheduleRetry(OutboxRecord record, Outcome outcome) {
        meters.outboxResult(ConsoleMeters.OutboxResult.RETRY);
        Duration delay = retryDelay(outcome.retryAfter());
        notBeforeNanos = outcome.retryAfter() == null ? System.nanoTime() : System.nanoTime() + delay.toNanos();
        log.info(
                "Outbox could not send {} (key {}): {}; retrying in {} ms",
                record.summary(),
                record.key(),
                outcome.detail(),
                delay.toMillis());
        try {
            retry = sender.schedule(this::sendPending, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Outbox closed; {} stays on disk for the next run", record.summary());
        }
    }

    /** Returns the tracker's {@code Retry-After} within the minimum delay and a ceiling, else the next backoff. */
    private Duration retryDelay(@Nullable Duration retryAfter) {
        if (retryAfter == null) {
            return backoff.nextDelay();
        }
        if (retryAfter.compareTo(minDelay) < 0) {
            return minDelay;
        }
        return retryAfter.compareTo(ConsoleConfig.OUTBOX_MAX_RETRY_AFTER) > 0
                ? ConsoleConfig.OUTBOX_MAX_RETRY_AFTER
                : retryAfter;
    }

    private void finish(OutboxRecord record, Outcome outcome) {
        try {
            store.delete(record);
        } catch (IOException e) {
            // The file stays, so the entry is sent again after a restart; the tracker applies the repeat once.
            log.warn(
                    "Outbox could not delete the file of {} (key {}): {}",
                    record.summary(),
                    record.key(),
                    e.getMessage());
        }
        synchronized (lock) {
            pending.remove(record.key());
            if (recent.size() == ConsoleConfig.OUTBOX_RECENT_ENTRIES) {
                recent.removeFirst();
            }
            recent.addLast(new Done(record, record.entry(outcome.status(), outcome.detail())));
            version.incrementAndGet();
        }
        meters.outboxResult(
                outcome.status() == OutboxEntry.Status.FAILED
                        ? ConsoleMeters.OutboxResult.FAILED
                        : ConsoleMeters.OutboxResult.SENT);
        if (outcome.status() == OutboxEntry.Status.FAILED) {
            log.warn(
                    "Tracker rejected {} (key {}): {}; it is sent again only when the dispatcher retries it",
                    record.summary(),
                    record.key(),
                    outcome.detail());
        } else if (outcome.detail() != null) {
            log.info("Outbox sent {} (key {}): {}", record.summary(), record.key(), outcome.detail());
        } else {
            log.info("Outbox sent {} (key {})", record.summary(), record.key());
        }
    }

    private static <T> T required(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("an outbox record lacks a field of its kind");
        }
        return value;
    }

    /** Stops the sender; pending entries stay on disk for the next run. */
    @Override
    public void close() {
        sender.shutdownNow();
        try {
            if (!sender.awaitTermination(ConsoleConfig.API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Outbox sender did not stop within {}", ConsoleConfig.API_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A queued entry and why its last attempt failed, or null. */
    private record Pending(OutboxRecord record, @Nullable String detail) {

        OutboxEntry entry() {
            return record.entry(OutboxEntry.Status.PENDING, detail);
        }
    }

    /** A sent or failed entry, with the record that {@link #retry} queues again. */
    private record Done(OutboxRecord record, OutboxEntry entry) {}

    /** The result of one attempt; {@code retryAfter} is the tracker's requested wait, or null. */
    private record Outcome(OutboxEntry.Status status, @Nullable String detail, @Nullable Duration retryAfter) {}
}
