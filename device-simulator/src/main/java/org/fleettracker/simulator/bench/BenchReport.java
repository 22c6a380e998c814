package org.fleettracker.simulator.bench;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The result of one {@code ./fleet bench} run; written as JSON with the same field names and as text.
 *
 * @param pipelineToTransportRatio committed rate of the pipeline phase divided by the received rate of the transport
 *     phase
 */
record BenchReport(
        Instant startedAt,
        Scenario scenario,
        Transport transport,
        Pipeline pipeline,
        Pipeline latency,
        double pipelineToTransportRatio,
        Integrity integrity,
        List<String> notes) {

    /**
     * The fixed scenario, shortened only by options.
     *
     * @param warmupSeconds shortest warm-up of each phase
     * @param maxWarmupSeconds longest warm-up of each phase, which goes on until the JIT compilers settle
     * @param maxBacklog fixes submitted but not yet delivered at which the maximum-rate phases pause
     */
    record Scenario(
            int vehicles,
            double warmupSeconds,
            double maxWarmupSeconds,
            double transportSeconds,
            double pipelineSeconds,
            double latencySeconds,
            int latencyRatePerSecond,
            int maxInFlightPerVehicle,
            long maxBacklog,
            int availableProcessors,
            String javaVersion,
            String database,
            String trackers) {}

    /**
     * The transport phase: the same publishers against the broker alone, with a subscriber that only counts.
     *
     * @param warmupSeconds how long the phase warmed up before its window
     * @param compilerCores CPU use of the JIT compiler threads in cores over the warm-up's last 5 s, null when shorter
     * @param brokerCpuMicrosPerMessage CPU time of the broker process per received message
     * @param quotaRetries publishes in the window that the per-vehicle rate limit rejected with QUOTA_EXCEEDED; 0
     *     shows it did not limit
     */
    record Transport(
            double seconds,
            double warmupSeconds,
            @Nullable Double compilerCores,
            double publishedPerSecond,
            double acknowledgedPerSecond,
            double receivedPerSecond,
            double brokerCpuMicrosPerMessage,
            long quotaRetries,
            List<ThreadCpu> busiestThreads) {}

    /**
     * A phase against the tracker.
     *
     * @param targetRatePerSecond the fixed publish rate, or 0 at the maximum rate
     * @param warmupSeconds how long the phase warmed up before its window
     * @param compilerCores CPU use of the JIT compiler threads in cores over the warm-up's last 5 s, null when shorter
     * @param committedPerSecond rows whose stored time falls in the window, per second
     * @param trackerCpuMicrosPerMessage CPU time of the tracker processes and the broker per committed row
     * @param meanBatchSize committed rows per ingest batch in the window
     * @param meanBatchCommitMs mean time of a batch's persist stage (inserts, fleet rules, commit) in the window
     * @param publishToAck from the publish to the broker's PUBACK, for fixes published in the window
     * @param publishToCommit from the publish to the stored time of the row
     * @param publishToState from the publish to the arrival of the first state with the fix's seq. The tracker
     *     publishes only the newest state of a vehicle per batch, so the other fixes of the batch have no sample.
     */
    record Pipeline(
            int targetRatePerSecond,
            double seconds,
            double warmupSeconds,
            @Nullable Double compilerCores,
            double publishedPerSecond,
            double acknowledgedPerSecond,
            double committedPerSecond,
            double trackerCpuMicrosPerMessage,
            double meanBatchSize,
            double meanBatchCommitMs,
            long quotaRetries,
            Percentiles publishToAck,
            Percentiles publishToCommit,
            Percentiles publishToState,
            List<ThreadCpu> busiestThreads) {}

    /**
     * CPU use of a group of threads of the measured process during the window.
     *
     * @param name thread name without its trailing number, truncated to 15 characters by Linux
     * @param coreFraction CPU time divided by the window's wall time: 1.0 is one core busy all the time
     */
    record ThreadCpu(String name, double coreFraction) {}

    /**
     * Lost and duplicated fixes over both tracker phases, warm-ups included.
     *
     * @param lost fixes the broker acknowledged that have no row after the tracker stopped
     * @param duplicatedRows rows stored twice; 0 by the UNIQUE (vehicle_id, seq) constraint of the positions table
     * @param trackerDuplicateRejects fixes the tracker skipped as duplicates (tracker_positions_duplicates_total)
     * @param resentPublishes publishes beyond the first of a fix, after a reconnect
     * @param unknownRows rows whose (vehicle id, seq) this run never published
     */
    record Integrity(
            long acknowledged,
            long storedRows,
            long lost,
            long duplicatedRows,
            long trackerDuplicateRejects,
            long resentPublishes,
            long unknownRows) {}

    /** Returns the report as text, one measure per line. */
    String toText() {
        StringBuilder text = new StringBuilder();
        line(
                text,
                "fleet bench %s: %d vehicles, warm-up %.0f to %.0f s per phase, %d CPUs, Java %s, database %s, %s",
                startedAt,
                scenario.vehicles(),
                scenario.warmupSeconds(),
                Math.max(scenario.warmupSeconds(), scenario.maxWarmupSeconds()),
                scenario.availableProcessors(),
                scenario.javaVersion(),
                scenario.database(),
                scenario.trackers());
        line(text, "");
        line(
                text,
                "transport (broker with security extension, counting subscriber), max rate, %.0f s after %s:",
                transport.seconds(),
                warmup(transport.warmupSeconds(), transport.compilerCores()));
        line(
                text,
                "  published %.0f msg/s, acknowledged %.0f msg/s, received %.0f msg/s",
                transport.publishedPerSecond(),
                transport.acknowledgedPerSecond(),
                transport.receivedPerSecond());
        line(
                text,
                "  broker CPU %.1f us/msg, QUOTA_EXCEEDED retries %d",
                transport.brokerCpuMicrosPerMessage(),
                transport.quotaRetries());
        threads(text, transport.busiestThreads());
        pipeline(text, "pipeline (" + scenario.trackers() + "), max rate", pipeline);
        pipeline(text, "latency phase at " + scenario.latencyRatePerSecond() + " msg/s", latency);
        line(text, "");
        line(text, "pipeline / transport: %.2f", pipelineToTransportRatio);
        line(
                text,
                "acknowledged %d, stored %d, lost %d, duplicated rows %d (0 by the unique key),"
                        + " tracker duplicate rejects %d, resent publishes %d, unknown rows %d",
                integrity.acknowledged(),
                integrity.storedRows(),
                integrity.lost(),
                integrity.duplicatedRows(),
                integrity.trackerDuplicateRejects(),
                integrity.resentPublishes(),
                integrity.unknownRows());
        notes.forEach(note -> line(text, "note: %s", note));
        line(text, "note: %s", WINDOW_NOTE);
        return text.toString();
    }

    /** Note on the rates of one window, which need not add up: the measurement is right but easy to misread. */
    static final String WINDOW_NOTE = "each rate counts the events inside its window, so acknowledged, received and"
            + " committed include fixes published before the window, and can exceed published.";

    private static void pipeline(StringBuilder text, String title, Pipeline phase) {
        line(text, "");
        line(
                text,
                "%s, %.0f s after %s:",
                title,
                phase.seconds(),
                warmup(phase.warmupSeconds(), phase.compilerCores()));
        line(
                text,
                "  published %.0f msg/s, acknowledged %.0f msg/s, committed %.0f msg/s",
                phase.publishedPerSecond(),
                phase.acknowledgedPerSecond(),
                phase.committedPerSecond());
        line(
                text,
                "  tracker CPU %.1f us/msg (broker included), batches of %.0f rows, %.1f ms per batch,"
                        + " QUOTA_EXCEEDED retries %d",
                phase.trackerCpuMicrosPerMessage(),
                phase.meanBatchSize(),
                phase.meanBatchCommitMs(),
                phase.quotaRetries());
        latency(text, "publish to PUBACK", phase.publishToAck());
        latency(text, "publish to commit", phase.publishToCommit());
        latency(text, "publish to state", phase.publishToState());
        threads(text, phase.busiestThreads());
    }

    /** Describes a phase's warm-up, with the JIT compilers' CPU use at its end when known. */
    private static String warmup(double seconds, @Nullable Double compilerCores) {
        return compilerCores == null
                ? String.format(Locale.ROOT, "a %.0f s warm-up", seconds)
                : String.format(
                        Locale.ROOT, "a %.0f s warm-up (JIT compilers %.2f cores at its end)", seconds, compilerCores);
    }

    private static void latency(StringBuilder text, String name, Percentiles percentiles) {
        line(
                text,
                "  %-18s p50 %8.1f ms, p95 %8.1f ms, p99 %8.1f ms, max %8.1f ms (%d samples)",
                name,
                percentiles.p50Ms(),
                percentiles.p95Ms(),
                percentiles.p99Ms(),
                percentiles.maxMs(),
                percentiles.count());
    }

    private static void threads(StringBuilder text, List<ThreadCpu> threads) {
        StringBuilder list = new StringBuilder();
        for (ThreadCpu thread : threads) {
            list.append(list.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.2f", thread.name(), thread.coreFraction()));
        }
        line(text, "  busiest threads (cores): %s", list);
    }

    private static void line(StringBuilder text, String format, Object... arguments) {
        text.append(String.format(Locale.ROOT, format, arguments)).append('\n');
    }
}
