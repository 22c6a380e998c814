package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.TelemetryProperties;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.metrics.LatencyMeters;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.storage.StoredPosition;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records how long the new fixes of a committed batch took: from the vehicle's publish (its {@code sent-time} user
 * property), from the tracker's receipt and from the fix time to the commit, and from the publish to the hand-over of
 * the state that carries the fix's seq to the MQTT client. Duplicates, rejects and fixes of other batches are not
 * timed.
 *
 * <p>Times come from the wall clock, because the sent time is another machine's wall clock; a sent time after the
 * commit means that the two clocks disagree, and that sample is skipped and counted instead. Used by the ingest
 * thread only.
 */
final class DeliveryLatency {

    private final TrackerMetrics metrics;

    DeliveryLatency(TrackerMetrics metrics) {
        this.metrics = metrics;
    }

    /** Times the stored fixes of {@code batch} up to {@code committedAt}. */
    void committed(List<Decoded> batch, Set<StoredPosition> stored, Instant committedAt) {
        for (Decoded decoded : batch) {
            if (!(decoded instanceof Decoded.Fix fix) || !stored.contains(fix.position())) {
                continue;
            }
            metrics.latency().receivedToCommit(Duration.between(fix.message().receivedTime(), committedAt));
            Duration fixAge = Duration.between(fix.position().fix().fixTime(), committedAt);
            if (!fixAge.isNegative()) {
                metrics.latency().fixToCommit(fixAge);
            }
            sentTime(fix).ifPresent(sent -> {
                Duration latency = Duration.between(sent, committedAt);
                if (latency.isNegative()) {
                    metrics.latency().skipped(LatencyMeters.SKIPPED_SENT_TIME_AHEAD);
                } else {
                    metrics.latency().publishToCommit(latency);
                }
            });
        }
    }

    /** Times the stored fixes of {@code batch} whose seq is the seq of a state published at {@code publishedAt}. */
    void statesPublished(
            List<Decoded> batch, Set<StoredPosition> stored, Collection<VehicleState> states, Instant publishedAt) {
        Map<String, Long> stateSeqs = new HashMap<>();
        states.forEach(state -> stateSeqs.put(state.vehicleId(), state.seq()));
        for (Decoded decoded : batch) {
            if (!(decoded instanceof Decoded.Fix fix) || !stored.contains(fix.position())) {
                continue;
            }
            Long stateSeq = stateSeqs.get(fix.position().fix().vehicleId());
            if (stateSeq == null || stateSeq != fix.position().fix().seq()) {
                continue;
            }
            TelemetryProperties.parseSentTime(fix.message().sentTime()).ifPresent(sent -> {
                Duration latency = Duration.between(sent, publishedAt);
                if (!latency.isNegative()) {
                    metrics.latency().publishToState(latency);
                }
            });
        }
    }

    /** Returns the fix's sent time; counts a value that is not an instant. */
    private Optional<Instant> sentTime(Decoded.Fix fix) {
        String value = fix.message().sentTime();
        if (value == null) {
            return Optional.empty();
        }
        Optional<Instant> parsed = TelemetryProperties.parseSentTime(value);
        if (parsed.isEmpty()) {
            metrics.latency().skipped(LatencyMeters.SKIPPED_SENT_TIME_INVALID);
        }
        return parsed;
    }
}
