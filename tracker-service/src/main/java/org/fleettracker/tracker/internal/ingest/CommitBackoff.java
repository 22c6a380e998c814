package org.fleettracker.tracker.internal.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The waits between commit attempts of a failing batch: {@code initialDelayMs}, doubled after each further failure
 * up to {@code maxDelayMs}, and back to {@code initialDelayMs} after a success.
 *
 * <p>It logs one warning when a streak of failures starts and one info line when a commit succeeds again, with how
 * long the database was unavailable; the failures in between go to debug, so an outage does not flood the log.
 * Used by the ingest thread only, except {@link #failures()}, which any thread may read.
 */
final class CommitBackoff {

    private static final Logger log = LoggerFactory.getLogger(CommitBackoff.class);

    private final long initialDelayMs;
    private final long maxDelayMs;
    private final LongSupplier nanoClock;
    private long nextDelayMs;
    // Written by the ingest thread, read by the delivery watchdog's thread.
    private volatile long failures;
    private long streakStartNanos;

    /** Creates the backoff; {@code nanoClock} is {@link System#nanoTime()} outside tests. */
    CommitBackoff(long initialDelayMs, long maxDelayMs, LongSupplier nanoClock) {
        if (initialDelayMs < 1 || maxDelayMs < initialDelayMs) {
            throw new IllegalArgumentException(
                    "retry delays must satisfy 1 <= " + initialDelayMs + " <= " + maxDelayMs + " (ms)");
        }
        this.initialDelayMs = initialDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.nanoClock = nanoClock;
        this.nextDelayMs = initialDelayMs;
    }

    /** Records a failed commit of {@code batchSize} messages and returns how long to wait before the next attempt. */
    long failed(int batchSize, String error) {
        long delayMs = nextDelayMs;
        if (failures == 0) {
            streakStartNanos = nanoClock.getAsLong();
            log.warn(
                    "Committing a batch of {} messages failed; nothing is acknowledged until a commit succeeds,"
                            + " retrying from {} ms up to every {} ms: {}",
                    batchSize,
                    delayMs,
                    maxDelayMs,
                    error);
        } else {
            log.debug("Commit attempt {} of a batch of {} messages failed: {}", failures + 1, batchSize, error);
        }
        failures++;
        nextDelayMs = Math.min(maxDelayMs, delayMs * 2);
        return delayMs;
    }

    /** Records a successful commit; after a failure streak it logs how long the database was unavailable. */
    void succeeded() {
        if (failures > 0) {
            long downMs = TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - streakStartNanos);
            log.info("Committing works again after {} failed attempts over {} ms", failures, downMs);
        }
        failures = 0;
        nextDelayMs = initialDelayMs;
    }

    /** Returns the failed attempts of the current streak; 0 after a success. */
    long failures() {
        return failures;
    }
}
