package org.fleettracker.tracker.internal.metrics;

import com.codahale.metrics.MetricRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.fleettracker.broker.api.BrokerMeters;
import org.fleettracker.protocol.api.ProcessMeters;
import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The tracker's meters. Prometheus names: {@code tracker_messages_received_total{kind}},
 * {@code tracker_positions_stored_total}, {@code tracker_positions_duplicates_total{kind}} ({@code seq} or {@code
 * fix}), {@code tracker_positions_flagged_total{flag}}, {@code tracker_fix_time_corrections_total},
 * {@code tracker_messages_rejected_total{reason}}, {@code tracker_batch_commit_seconds},
 * {@code tracker_batch_failures_total}, {@code tracker_publish_failures_total}, {@code tracker_vehicles},
 * {@code tracker_ingest_queue_messages} and {@code tracker_ingest_queue_bound_messages}; the MQTT client's in {@link
 * MqttMeters}, the latencies in {@link LatencyMeters}, the JVM's in {@link ProcessMeters}, and with the embedded
 * broker its {@link BrokerMeters}, such as {@code broker_authentications_failed_total{reason}}.
 *
 * <p>Thread-safe.
 */
public final class TrackerMetrics implements AutoCloseable {

    /** The OwnTracks {@code _type} values that get their own tag value in {@code tracker_owntracks_ignored_total}. */
    private static final Set<String> OWNTRACKS_TYPES = Set.of(
            "beacon",
            "card",
            "cmd",
            "configuration",
            "encrypted",
            "request",
            "status",
            "steps",
            "waypoint",
            "waypoints");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter telemetryReceived = received("telemetry");
    private final Counter presenceReceived = received("presence");
    private final Counter ownTracksReceived = received("owntracks");
    private final Counter stored = Counter.builder("tracker.positions.stored")
            .description("Positions inserted into the database")
            .register(registry);
    private final Map<DuplicateKind, Counter> duplicates = new EnumMap<>(DuplicateKind.class);
    private final Map<PositionFlag, Counter> flagged = new EnumMap<>(PositionFlag.class);
    private final Counter timeCorrections = Counter.builder("tracker.fix.time.corrections")
            .description("Fix times moved forward by 1024 weeks after a GPS week rollover")
            .register(registry);
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Timer batchCommit = Timer.builder("tracker.batch.commit")
            .description("Time to write and commit one batch")
            .register(registry);
    private final Counter batchFailures = Counter.builder("tracker.batch.failures")
            .description("Batch commits that failed and were retried")
            .register(registry);
    private final Counter publishFailures = Counter.builder("tracker.publish.failures")
            .description("State or reject publishes that failed or timed out")
            .register(registry);
    private final LatencyMeters latency = new LatencyMeters(registry);
    private final MqttMeters mqtt = new MqttMeters(registry);
    private @Nullable ProcessMeters processMeters;

    public TrackerMetrics(IntSupplier vehicleCount) {
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(
                    reason,
                    Counter.builder("tracker.messages.rejected")
                            .description("Inputs rejected, by reason")
                            .tag("reason", reason.code())
                            .register(registry));
        }
        for (DuplicateKind kind : DuplicateKind.values()) {
            duplicates.put(
                    kind,
                    Counter.builder("tracker.positions.duplicates")
                            .description("Fixes not stored again: same (vehicle, seq), or same (vehicle, fix time,"
                                    + " latitude, longitude) as a stored fix")
                            .tag("kind", kind.code())
                            .register(registry));
        }
        for (PositionFlag flag : PositionFlag.values()) {
            flagged.put(
                    flag,
                    Counter.builder("tracker.positions.flagged")
                            .description("Positions stored with a flag of the ingest rules, by flag")
                            .tag("flag", flag.code())
                            .register(registry));
        }
        Gauge.builder("tracker.vehicles", vehicleCount::getAsInt)
                .description("Vehicles with a known state")
                .register(registry);
    }

    public void telemetryReceived() {
        telemetryReceived.increment();
    }

    public void presenceReceived() {
        presenceReceived.increment();
    }

    public void ownTracksReceived() {
        ownTracksReceived.increment();
    }

    /**
     * Counts an OwnTracks message whose {@code _type} the tracker does not use, such as {@code card}. A type outside
     * {@link #OWNTRACKS_TYPES} counts as {@code other}, so that phones cannot add tag values without limit.
     */
    public void ownTracksIgnored(String type) {
        String tag = OWNTRACKS_TYPES.contains(type) ? type : "other";
        Counter.builder("tracker.owntracks.ignored")
                .description("OwnTracks messages ignored, by _type")
                .tag("type", tag)
                .register(registry)
                .increment();
    }

    public void stored(int count) {
        stored.increment(count);
    }

    public void duplicate(DuplicateKind kind) {
        duplicates.get(kind).increment();
    }

    public void flagged(PositionFlag flag) {
        flagged.get(flag).increment();
    }

    public void timeCorrected() {
        timeCorrections.increment();
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public void batchCommitted(Duration duration) {
        batchCommit.record(duration);
    }

    public void batchFailed() {
        batchFailures.increment();
    }

    public void publishFailed() {
        publishFailures.increment();
    }

    public LatencyMeters latency() {
        return latency;
    }

    public MqttMeters mqtt() {
        return mqtt;
    }

    /** Registers the meters of the embedded broker and its security extension, read from HiveMQ's registry. */
    public void bindBroker(MetricRegistry hiveMq) {
        BrokerMeters.bind(registry, hiveMq);
    }

    /**
     * Registers the depth of the queue between the MQTT client and the ingest thread, and its bound: the most QoS 1
     * messages the broker sends before the tracker acknowledges some. A queue near its bound means the ingest falls
     * behind, and the broker's queue for the tracker's session grows next.
     */
    public void bindIngestQueue(Collection<?> queue, int boundMessages) {
        Gauge.builder("tracker.ingest.queue", queue, Collection::size)
                .description("Messages received and waiting for the ingest thread")
                .baseUnit("messages")
                .register(registry);
        Gauge.builder("tracker.ingest.queue.bound", () -> boundMessages)
                .description("Most QoS 1 messages the broker sends before the tracker acknowledges some")
                .baseUnit("messages")
                .register(registry);
    }

    /** Registers the JVM and process meters; {@link #close()} stops them. */
    public synchronized void bindProcess() {
        if (processMeters == null) {
            processMeters = ProcessMeters.bindTo(registry);
        }
    }

    /** Stops the JVM meters' listeners. */
    @Override
    public synchronized void close() {
        if (processMeters != null) {
            processMeters.close();
            processMeters = null;
        }
    }

    /** Returns every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    private Counter received(String kind) {
        return Counter.builder("tracker.messages.received")
                .description("MQTT messages received, by topic kind")
                .tag("kind", kind)
                .register(registry);
    }
}
