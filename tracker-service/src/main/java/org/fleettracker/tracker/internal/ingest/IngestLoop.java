package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The ingest thread: collects inbound messages into batches and runs each batch through the {@link IngestPipeline}.
 *
 * <p>A batch closes when it contains {@code batchMaxSize} messages, when its first message has waited
 * {@code batchMaxDelayMs}, or when no message arrived for {@code batchLingerMs}. Between batches, once per
 * {@code fleet.tick-interval}, the loop runs the fleet rules' time-based checks ({@link IngestPipeline#tick()}). A
 * batch whose commit fails is retried after {@code dbRetryDelayMs}, doubling up to {@code dbRetryMaxDelayMs} (see
 * {@link CommitBackoff}), until it succeeds or the loop stops; its messages stay unacknowledged meanwhile, so the
 * broker stops sending once its in-flight window is full and keeps the rest in the tracker's session queue.
 */
public final class IngestLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestLoop.class);

    /** How often an idle loop checks whether it should stop. */
    private static final long IDLE_POLL_MS = 100;

    private static final long STOP_TIMEOUT_MS = 30_000;

    private final BlockingQueue<InboundMessage> queue;
    private final IngestPipeline pipeline;
    private final TrackerSettings settings;
    private final TrackerMetrics metrics;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CommitBackoff backoff;
    private final Thread thread;
    private final long tickIntervalNanos;
    private long nextTickNanos;

    /** Creates the loop; {@code queue} is where the MQTT client puts each inbound message. */
    public IngestLoop(
            BlockingQueue<InboundMessage> queue,
            IngestPipeline pipeline,
            TrackerSettings settings,
            TrackerMetrics metrics) {
        this.queue = queue;
        this.pipeline = pipeline;
        this.settings = settings;
        this.metrics = metrics;
        this.backoff = new CommitBackoff(settings.dbRetryDelayMs(), settings.dbRetryMaxDelayMs(), System::nanoTime);
        this.thread = new Thread(this::run, "tracker-ingest");
        this.tickIntervalNanos = settings.fleet().tickInterval().toNanos();
        this.nextTickNanos = System.nanoTime() + tickIntervalNanos;
    }

    public void start() {
        thread.start();
    }

    /** Returns whether the ingest thread is running; false before start, after close, or after a fatal error. */
    /**
     * Returns whether the last commit attempt failed, so the loop holds its batch unacknowledged and the broker, its
     * in-flight window full, sends the tracker nothing until a commit succeeds.
     */
    public boolean commitsFailing() {
        return backoff.failures() > 0;
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Stops the loop: the open batch and every queued message are processed once more, without retries, then the
     * thread ends. Call after new messages stopped arriving.
     */
    @Override
    public void close() {
        stopRequested.countDown();
        try {
            thread.join(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("The ingest thread did not stop within {} ms", STOP_TIMEOUT_MS);
        }
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    private void run() {
        log.debug("Ingest thread started");
        while (!stopping()) {
            try {
                List<InboundMessage> batch = nextBatch();
                if (!batch.isEmpty()) {
                    processUntilCommitted(batch);
                }
                tickWhenDue();
            } catch (InterruptedException e) {
                log.warn("The ingest thread was interrupted; finishing the queued messages");
                break;
            } catch (RuntimeException e) {
                log.error("Unexpected error in the ingest loop; it continues with the next batch", e);
            } catch (Error e) {
                // A JVM error such as OutOfMemoryError leaves the tracker unable to ingest: /health reports it.
                log.error("The ingest thread stopped after a fatal error; the tracker needs a restart", e);
                throw e;
            }
        }
        drainOnce();
        log.debug("Ingest thread stopped");
    }

    /** Runs the fleet rules' time-based checks once per tick interval, between batches. */
    private void tickWhenDue() {
        long now = System.nanoTime();
        if (now - nextTickNanos >= 0) {
            nextTickNanos = now + tickIntervalNanos;
            pipeline.tick();
        }
    }

    private List<InboundMessage> nextBatch() throws InterruptedException {
        List<InboundMessage> batch = new ArrayList<>();
        InboundMessage first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.batchMaxDelayMs());
        long lingerNanos = TimeUnit.MILLISECONDS.toNanos(settings.batchLingerMs());
        while (batch.size() < settings.batchMaxSize()) {
            queue.drainTo(batch, settings.batchMaxSize() - batch.size());
            long remaining = deadline - System.nanoTime();
            if (batch.size() >= settings.batchMaxSize() || remaining <= 0) {
                break;
            }
            InboundMessage next = queue.poll(Math.min(remaining, lingerNanos), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void processUntilCommitted(List<InboundMessage> batch) throws InterruptedException {
        while (true) {
            String error = processOnce(batch);
            if (error == null) {
                backoff.succeeded();
                return;
            }
            if (stopRequested.await(backoff.failed(batch.size(), error), TimeUnit.MILLISECONDS)) {
                log.error(
                        "Stopping with an uncommitted batch of {} messages; they stay unacknowledged and the broker"
                                + " redelivers them after the restart",
                        batch.size());
                return;
            }
        }
    }

    /** Processes the batch once; returns null when it was committed, otherwise the error message. */
    private @Nullable String processOnce(List<InboundMessage> batch) {
        try {
            pipeline.process(batch);
            return null;
        } catch (SQLException | RuntimeException e) {
            metrics.batchFailed();
            log.trace("Batch commit failure", e);
            return String.valueOf(e.getMessage());
        }
    }

    private void drainOnce() {
        List<InboundMessage> rest = new ArrayList<>();
        while (queue.drainTo(rest, settings.batchMaxSize()) > 0) {
            String error = processOnce(rest);
            if (error != null) {
                log.error(
                        "Committing {} messages at the stop failed: {}; they stay unacknowledged and the broker"
                                + " redelivers them after the restart",
                        rest.size(),
                        error);
            }
            rest = new ArrayList<>();
        }
    }
}
