package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Reject;
import org.fleettracker.tracker.internal.metrics.DuplicateKind;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.RejectStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.internal.storage.StoredReject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Stage 3: writes the batch's fixes (skipping stored (vehicle id, seq) pairs) and rejects in one transaction.
 *
 * <p>Either everything is committed or nothing is, so the caller may retry the whole batch after an error.
 */
final class PersistStage {

    private static final Logger log = LoggerFactory.getLogger(PersistStage.class);

    private final Database database;
    private final PositionStore positions;
    private final RejectStore rejects;
    private final TrackerMetrics metrics;

    PersistStage(Database database, PositionStore positions, RejectStore rejects, TrackerMetrics metrics) {
        this.database = database;
        this.positions = positions;
        this.rejects = rejects;
        this.metrics = metrics;
    }

    /**
     * Commits the batch.
     *
     * @return the positions that were new, by identity; the others were duplicates
     * @throws SQLException when the transaction fails; it is rolled back
     */
    Set<StoredPosition> persist(List<Decoded> batch) throws SQLException {
        List<StoredPosition> fixes = new ArrayList<>();
        List<StoredReject> rejected = new ArrayList<>();
        for (Decoded decoded : batch) {
            if (decoded instanceof Decoded.Fix fix) {
                fixes.add(fix.position());
            } else if (decoded instanceof Decoded.Rejected reject) {
                rejected.add(new StoredReject(reject.reject(), reject.message().payload()));
            }
        }
        long start = System.nanoTime();
        boolean[] inserted = commit(fixes, rejected);
        metrics.batchCommitted(Duration.ofNanos(System.nanoTime() - start));
        Set<StoredPosition> stored = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i]) {
                stored.add(fixes.get(i));
            }
        }
        countAndLog(batch, fixes.size(), stored, rejected);
        return stored;
    }

    private boolean[] commit(List<StoredPosition> fixes, List<StoredReject> rejected) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                boolean[] inserted = fixes.isEmpty() ? new boolean[0] : positions.insertNew(connection, fixes);
                rejects.insert(connection, rejected);
                connection.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            }
        }
    }

    private static void rollback(Connection connection) {
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
