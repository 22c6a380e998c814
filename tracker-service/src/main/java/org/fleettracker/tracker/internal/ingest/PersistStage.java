package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Reject;
import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.tracker.internal.fleet.FleetLogic;
import org.fleettracker.tracker.internal.fleet.PresenceChange;
import org.fleettracker.tracker.internal.fleet.RuleOutcome;
import org.fleettracker.tracker.internal.metrics.DuplicateKind;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.storage.EventStore;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.RejectStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.internal.storage.StoredReject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Stage 3: writes the batch's fixes (skipping stored (vehicle id, seq) pairs) and rejects in one transaction, in
 * which the command acks are applied, the fleet events decoded from the batch (OwnTracks transitions) are stored, and
 * the fleet rules store the events, trips and job progress that the new fixes lead to.
 *
 * <p>Either everything is committed or nothing is, so the caller may retry the whole batch after an error.
 */
final class PersistStage {

    private static final Logger log = LoggerFactory.getLogger(PersistStage.class);

    private final PositionStore positions;
    private final RejectStore rejects;
    private final TrackerMetrics metrics;

    private final FleetLogic fleetLogic;
    private final CommandAckHandler commandAcks;
    private final Clock clock;
    private final EventStore eventStore = new EventStore();

    PersistStage(
            PositionStore positions,
            RejectStore rejects,
            TrackerMetrics metrics,
            FleetLogic fleetLogic,
            CommandAckHandler commandAcks,
            Clock clock) {
        this.commandAcks = commandAcks;
        this.positions = positions;
        this.rejects = rejects;
        this.metrics = metrics;
        this.fleetLogic = fleetLogic;
        this.clock = clock;
    }

    /**
     * A committed batch.
     *
     * @param stored the positions that were new, by identity; the others were duplicates
     * @param outcome what the command acks and the fleet rules raised and changed in the same transaction
     * @param ackRejects the command acks that were stored as rejects, to publish on the rejects topic
     */
    record Committed(Set<StoredPosition> stored, RuleOutcome outcome, List<Reject> ackRejects) {}

    /**
     * Commits the batch's fixes and rejects, and what the fleet rules make of its new fixes and presence changes, in
     * the open transaction of {@code connection}; {@code beforeCommit} runs last before the commit.
     *
     * @throws SQLException when the transaction fails; it is rolled back and the fleet rules are reset
     */
    Committed persist(Connection connection, List<Decoded> batch, BeforeCommit beforeCommit) throws SQLException {
        List<StoredPosition> fixes = new ArrayList<>();
        List<StoredReject> rejected = new ArrayList<>();
        List<PresenceChange> presence = new ArrayList<>();
        List<Decoded.CommandAckReceived> acks = new ArrayList<>();
        List<Decoded.Event> events = new ArrayList<>();
        for (Decoded decoded : batch) {
            if (decoded instanceof Decoded.CommandAckReceived ack) {
                acks.add(ack);
            } else if (decoded instanceof Decoded.Event event) {
                events.add(event);
            } else if (decoded instanceof Decoded.Fix fix) {
                fixes.add(fix.position());
            } else if (decoded instanceof Decoded.Rejected reject) {
                rejected.add(new StoredReject(reject.reject(), reject.message().payload()));
            } else if (decoded instanceof Decoded.PresenceChange change) {
                presence.add(new PresenceChange(
                        change.fleetId(),
                        change.vehicleId(),
                        change.online(),
                        change.message().receivedTime()));
            }
        }
        long start = System.nanoTime();
        Set<StoredPosition> stored = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Reject> ackRejects = new ArrayList<>();
        RuleOutcome outcome =
                commit(connection, fixes, rejected, presence, acks, events, ackRejects, stored, beforeCommit);
        metrics.batchCommitted(Duration.ofNanos(System.nanoTime() - start));
        countAndLog(batch, fixes.size(), stored, rejected);
        return new Committed(stored, outcome, ackRejects);
    }

    private RuleOutcome commit(
            Connection connection,
            List<StoredPosition> fixes,
            List<StoredReject> rejected,
            List<PresenceChange> presence,
            List<Decoded.CommandAckReceived> acks,
            List<Decoded.Event> decodedEvents,
            List<Reject> ackRejects,
            Set<StoredPosition> stored,
            BeforeCommit beforeCommit)
            throws SQLException {
        try {
            // The batch's write time. It precedes the commit by the time the fleet rules below take.
            boolean[] inserted =
                    fixes.isEmpty() ? new boolean[0] : positions.insertNew(connection, fixes, clock.instant());
            rejects.insert(connection, rejected);
            Instant now = clock.instant();
            eventStore.insertAllIfNew(
                    connection,
                    decodedEvents.stream()
                            .map(event -> new EventStore.NewEvent(event.fleetId(), event.event()))
                            .toList(),
                    now);
            List<StoredPosition> accepted = new ArrayList<>();
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i]) {
                    stored.add(fixes.get(i));
                    if (!fixes.get(i).has(PositionFlag.OUTLIER)) {
                        accepted.add(fixes.get(i));
                    }
                }
            }
            List<RuleOutcome.RaisedEvent> ackEvents = applyAcks(connection, acks, ackRejects);
            RuleOutcome rules = fleetLogic.onBatch(connection, now, accepted, presence);
            beforeCommit.run(connection);
            connection.commit();
            List<RuleOutcome.RaisedEvent> events = new ArrayList<>(ackEvents);
            events.addAll(rules.events());
            return new RuleOutcome(events, rules.stateChanges());
        } catch (SQLException | RuntimeException e) {
            stored.clear();
            ackRejects.clear();
            rollback(connection);
            fleetLogic.reset();
            throw e;
        }
    }

    /** A last step of the batch transaction, such as recording the vehicles' new versions. */
    @FunctionalInterface
    interface BeforeCommit {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Applies the batch's command acks before the fleet rules run, so that a job the acks accept or reject is
     * already changed when the rules read it. An ack the handler cannot apply is stored as a reject.
     */
    private List<RuleOutcome.RaisedEvent> applyAcks(
            Connection connection, List<Decoded.CommandAckReceived> acks, List<Reject> ackRejects) throws SQLException {
        List<RuleOutcome.RaisedEvent> events = new ArrayList<>();
        List<StoredReject> rejected = new ArrayList<>();
        for (Decoded.CommandAckReceived received : acks) {
            CommandAckHandler.AckOutcome outcome = commandAcks.apply(
                    connection, received.fleetId(), received.vehicleId(), received.ack(), clock.instant());
            events.addAll(outcome.events());
            RejectReason reason = outcome.rejectReason();
            if (reason != null) {
                Decoded.Rejected reject = Rejects.of(
                        received.message(),
                        received.fleetId(),
                        received.vehicleId(),
                        reason,
                        String.valueOf(outcome.rejectDetail()));
                ackRejects.add(reject.reject());
                rejected.add(
                        new StoredReject(reject.reject(), received.message().payload()));
            }
        }
        rejects.insert(connection, rejected);
        return events;
    }

    static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.warn("Rolling back a failed batch failed: {}", e.getMessage());
        }
    }

    private void countAndLog(
            List<Decoded> batch, int fixCount, Set<StoredPosition> stored, List<StoredReject> rejected) {
        int storedCount = stored.size();
        metrics.stored(storedCount);
        // Fixes that passed the rules but met a stored (vehicle id, seq) at insert time.
        for (int i = storedCount; i < fixCount; i++) {
            metrics.duplicate(DuplicateKind.SEQ);
        }
        int duplicates = fixCount - storedCount;
        for (Decoded decoded : batch) {
            if (decoded instanceof Decoded.Duplicate duplicate) {
                metrics.duplicate(duplicate.kind());
                duplicates++;
            }
        }
        for (StoredPosition position : stored) {
            position.flags().forEach(metrics::flagged);
            if (position.has(PositionFlag.TIME_CORRECTED)) {
                metrics.timeCorrected();
            }
        }
        for (Reject reject : rejected.stream().map(StoredReject::reject).toList()) {
            metrics.rejected(reject.reason());
            log.debug(
                    "Rejected a message of vehicle {} on {}: {} ({})",
                    reject.vehicleId(),
                    reject.topic(),
                    reject.reason().code(),
                    reject.detail());
        }
        log.trace(
                "Committed a batch: {} new positions, {} duplicates, {} rejects",
                storedCount,
                duplicates,
                rejected.size());
    }
}
