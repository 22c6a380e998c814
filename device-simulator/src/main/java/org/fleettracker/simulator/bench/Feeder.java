package org.fleettracker.simulator.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Submits fixes to the vehicles of a phase, at the maximum rate the receiving side keeps up with or at a fixed
 * rate, and takes the counters at the start and end of the measured window that follows the warm-up.
 */
final class Feeder {

    private static final Logger log = LoggerFactory.getLogger(Feeder.class);

    /** Fixes a vehicle may have queued or in flight at the maximum rate: enough to refill its window at once. */
    private static final int MAX_PENDING_PER_VEHICLE = 2 * Publishers.MAX_IN_FLIGHT;

    /**
     * Fixes submitted but not yet delivered (counted by the transport subscriber, or committed per the tracker's
     * states) at which the maximum rate pauses. Far above the receiver's in-flight window, so the receiver always has
     * messages waiting, yet small enough that the broker's queue for it stays short and a phase drains quickly.
     */
    static final long MAX_BACKLOG = 5_000;

    /** The tracker's timer of the persist stage per batch, in Prometheus naming. */
    private static final String BATCH_COMMIT_METRIC = "tracker_batch_commit_seconds";

    /**
     * Pause of the feeder when it has nothing to submit. The feeder shares the machine's cores with the system it
     * measures, so it must not spin: a profile of a run with 200 µs pauses found the feeder's thread busy most of the
     * time while the backlog was full. At 10,000 msg/s a 1 ms pause lets the backlog shrink by 10 of its 5,000 fixes.
     */
    private static final long IDLE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Publishers publishers;
    private final LongSupplier delivered;
    private final Measured measured;
    private final List<TrackerHttp> trackers;

    /**
     * Creates a feeder of {@code publishers}.
     *
     * @param delivered how many submitted fixes the receiving side has got so far
     * @param measured the processes whose CPU time the snapshots take; the feeder stops when one exits
     * @param trackers the trackers whose batch metrics the snapshots add up, none in the transport phase
     */
    Feeder(Publishers publishers, LongSupplier delivered, Measured measured, List<TrackerHttp> trackers) {
        this.publishers = publishers;
        this.delivered = delivered;
        this.measured = measured;
        this.trackers = List.copyOf(trackers);
    }

    /** Counters at the start and at the end of a measured window; times in epoch microseconds. */
    /**
     * The measured window of a phase.
     *
     * @param warmupSeconds how long the warm-up before the window lasted
     * @param compilerCores the measured JVMs' JIT compiler threads' CPU use in cores over the last seconds of the
     *     warm-up, or NaN when the warm-up was too short to tell
     */
    record Window(Snapshot start, Snapshot end, double warmupSeconds, double compilerCores) {

        double seconds() {
            return (end.micros() - start.micros()) / 1e6;
        }

        double perSecond(long startCount, long endCount) {
            return (endCount - startCount) / seconds();
        }
    }

    /**
     * Counters at one moment.
     *
     * @param batches the trackers' committed batches so far, or 0 without a tracker
     * @param batchSeconds the total time of those batches' persist stage
     */
    record Snapshot(
            long micros,
            Publishers.Counters links,
            long submitted,
            long delivered,
            long cpuMicros,
            Map<String, Long> threadCpuMicros,
            double batches,
            double batchSeconds) {}

    /** Submits as fast as the links' windows and {@link #MAX_BACKLOG} allow. */
    Window runAtMaxRate(Warmup warmup, Duration measured) {
        return run(warmup, measured, 0);
    }

    /** Submits {@code perSecond} fixes per second, round-robin over the vehicles, whatever their backlog. */
    Window runAtRate(int perSecond, Warmup warmup, Duration measured) {
        return run(warmup, measured, perSecond);
    }

    /**
     * How long a phase warms up: at least {@code min}, then until the measured JVMs' JIT compilers settled (see
     * {@link JitWarmup}), but no longer than {@code max}. With {@code max} at most {@code min} it lasts {@code min}.
     */
    record Warmup(Duration min, Duration max) {}

    private Window run(Warmup warmup, Duration measured, int perSecond) {
        long begin = System.nanoTime();
        long minWarmupEnd = begin + warmup.min().toNanos();
        long maxWarmupEnd =
                begin + Math.max(warmup.min().toNanos(), warmup.max().toNanos());
        JitWarmup compilers = new JitWarmup();
        long startNanos = 0;
        long windowEnd = 0;
        long submittedAtBegin = publishers.submitted();

        Snapshot start = null;
        // The vehicle that is offered the next fix. It moves on after each offer at the maximum rate, but only after
        // a submission at a fixed rate, so that no vehicle is favoured after a pause.
        int cursor = 0;
        int offersWithoutSubmission = 0;
        while (true) {
            // The check costs a field read, so a child that exits stops the phase at once.
            this.measured.requireAlive();
            long now = System.nanoTime();
            if (start == null) {
                // Sampled from the phase's start, so that a full span is known when the minimum warm-up ends.
                boolean settled = compilers.settled(now, this.measured::threadCpuMicros);
                if (now - minWarmupEnd >= 0 && (settled || now - maxWarmupEnd >= 0)) {
                    start = snapshot();
                    startNanos = now;
                    windowEnd = now + measured.toNanos();
                }
            }
            if (start != null && now - windowEnd >= 0) {
                break;
            }

            boolean atMaxRate = perSecond == 0;
            if (atMaxRate && backlogFull()) {
                Waits.pause(IDLE_PAUSE_NANOS);
                continue;
            }
            boolean submitted =
                    atMaxRate ? submitWhereRoom(cursor) : submitDue(perSecond, now - begin, submittedAtBegin, cursor);
            if (submitted || atMaxRate) {
                cursor = (cursor + 1) % publishers.size();
            }
            offersWithoutSubmission = submitted ? 0 : offersWithoutSubmission + 1;
            if (atMaxRate ? offersWithoutSubmission >= publishers.size() : !submitted) {
                Waits.pause(IDLE_PAUSE_NANOS);
                offersWithoutSubmission = 0;
            }
        }
        Snapshot end = snapshot();
        return new Window(start, end, (startNanos - begin) / 1e9, compilers.lastCores());
    }

    private boolean backlogFull() {
        return publishers.submitted() - delivered.getAsLong() >= MAX_BACKLOG;
    }

    private boolean submitWhereRoom(int index) {
        if (publishers.pending(index) >= MAX_PENDING_PER_VEHICLE || backlogFull()) {
            return false;
        }
        publishers.submit(index);
        return true;
    }

    private boolean submitDue(int perSecond, long elapsedNanos, long submittedAtBegin, int index) {
        long due = submittedAtBegin + elapsedNanos * perSecond / 1_000_000_000L;
        if (publishers.submitted() >= due) {
            return false;
        }
        publishers.submit(index);
        return true;
    }

    /**
     * Waits until every submitted fix is acknowledged and delivered, for as long as the delivered count keeps growing.
     * A slow receiver thus drains a long backlog, and only a stalled one ends the wait early.
     *
     * @return false when nothing more was delivered for {@code stallTimeout} while fixes were still due
     * @throws ChildExitedException when the measured process exits meanwhile
     */
    boolean drain(Duration stallTimeout) {
        long submitted = publishers.submitted();
        while (true) {
            long before = delivered.getAsLong();
            boolean drained = Waits.within(
                    () -> {
                        measured.requireAlive();
                        return publishers.counters().pending() == 0 && delivered.getAsLong() >= submitted;
                    },
                    stallTimeout);
            if (drained) {
                return true;
            }
            if (delivered.getAsLong() == before) {
                log.warn(
                        "Nothing was delivered for {} s: {} fixes are still pending and {} of {} delivered",
                        stallTimeout.toSeconds(),
                        publishers.counters().pending(),
                        delivered.getAsLong(),
                        submitted);
                return false;
            }
        }
    }

    private Snapshot snapshot() {
        double batches = 0;
        double batchSeconds = 0;
        for (TrackerHttp tracker : trackers) {
            try {
                batches += tracker.metric(BATCH_COMMIT_METRIC + "_count");
                batchSeconds += tracker.metric(BATCH_COMMIT_METRIC + "_sum");
            } catch (IOException e) {
                log.warn("Reading the batch metrics of the tracker at {} failed: {}", tracker, e.getMessage());
            }
        }
        return new Snapshot(
                EpochMicros.now(),
                publishers.counters(),
                publishers.submitted(),
                delivered.getAsLong(),
                measured.cpuMicros(),
                measured.threadCpuMicros(),
                batches,
                batchSeconds);
    }
}
