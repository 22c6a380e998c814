package org.fleettracker.tracker.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.fleettracker.protocol.api.ProcessMeters;

import java.time.Duration;

/**
 * How long new fixes take through the tracker, as histograms with p95 and p99 (see {@link
 * ProcessMeters#latencyTimer}). Prometheus names: {@code tracker_latency_publish_to_commit_seconds} and {@code
 * tracker_latency_publish_to_state_seconds} from the vehicle's {@code sent-time} user property, {@code
 * tracker_latency_received_to_commit_seconds} from the tracker's receipt, {@code tracker_latency_fix_to_commit_seconds}
 * from the fix time, and {@code tracker_latency_samples_skipped_total{reason}} for sent times that could not be used.
 *
 * <p>Thread-safe.
 */
public final class LatencyMeters {

    /** A sent time after the commit: the vehicle's clock runs ahead of the tracker's. */
    public static final String SKIPPED_SENT_TIME_AHEAD = "sent-time-ahead";

    /** A {@code sent-time} user property that is not an ISO-8601 instant. */
    public static final String SKIPPED_SENT_TIME_INVALID = "sent-time-invalid";

    private static final Duration MIN_LATENCY = Duration.ofMillis(1);
    private static final Duration MAX_DELIVERY_LATENCY = Duration.ofSeconds(60);
    /** A fix can wait in a vehicle's buffer for hours; older ones land in the +Inf bucket. */
    private static final Duration MAX_FIX_AGE = Duration.ofHours(1);

    private final Timer publishToCommit;
    private final Timer publishToState;
    private final Timer receivedToCommit;
    private final Timer fixToCommit;
    private final Counter skippedAhead;
    private final Counter skippedInvalid;

    LatencyMeters(MeterRegistry registry) {
        publishToCommit = timer(
                registry,
                "tracker.latency.publish.to.commit",
                "Time from the vehicle's publish (sent-time user property) to the commit of the fix",
                MAX_DELIVERY_LATENCY);
        publishToState = timer(
                registry,
                "tracker.latency.publish.to.state",
                "Time from the vehicle's publish (sent-time user property) until the batch's publishes, among them the"
                        + " state that carries the fix, are handed to the MQTT client",
                MAX_DELIVERY_LATENCY);
        receivedToCommit = timer(
                registry,
                "tracker.latency.received.to.commit",
                "Time from the tracker's receipt of a fix to its commit",
                MAX_DELIVERY_LATENCY);
        fixToCommit = timer(
                registry,
                "tracker.latency.fix.to.commit",
                "Time from a fix's fix time to its commit, vehicle buffering included",
                MAX_FIX_AGE);
        skippedAhead = skipped(registry, SKIPPED_SENT_TIME_AHEAD);
        skippedInvalid = skipped(registry, SKIPPED_SENT_TIME_INVALID);
    }

    public void publishToCommit(Duration latency) {
        publishToCommit.record(latency);
    }

    public void publishToState(Duration latency) {
        publishToState.record(latency);
    }

    public void receivedToCommit(Duration latency) {
        receivedToCommit.record(latency);
    }

    public void fixToCommit(Duration age) {
        fixToCommit.record(age);
    }

    /** Counts a sample not recorded, for {@link #SKIPPED_SENT_TIME_AHEAD} or {@link #SKIPPED_SENT_TIME_INVALID}. */
    public void skipped(String reason) {
        if (SKIPPED_SENT_TIME_AHEAD.equals(reason)) {
            skippedAhead.increment();
        } else if (SKIPPED_SENT_TIME_INVALID.equals(reason)) {
            skippedInvalid.increment();
        } else {
            throw new IllegalArgumentException("unknown reason " + reason);
        }
    }

    private static Timer timer(MeterRegistry registry, String name, String description, Duration maximum) {
        return ProcessMeters.latencyTimer(registry, name, description, MIN_LATENCY, maximum, Tags.empty());
    }

    private static Counter skipped(MeterRegistry registry, String reason) {
        return Counter.builder("tracker.latency.samples.skipped")
                .description("Latency samples not recorded because the sent time was after the commit or invalid")
                .tag("reason", reason)
                .register(registry);
    }
}
