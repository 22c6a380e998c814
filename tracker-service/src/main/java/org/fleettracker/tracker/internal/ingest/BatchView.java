package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.tracker.internal.metrics.DuplicateKind;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The committed fixes plus the fixes of the batch being checked, which are not in the database yet. */
final class BatchView {

    private record SeqKey(String vehicleId, long seq) {}

    private record FixKey(String vehicleId, Instant fixTime, double latitudeDeg, double longitudeDeg) {
        static FixKey of(StoredPosition position) {
            var fix = position.fix();
            return new FixKey(fix.vehicleId(), fix.fixTime(), fix.latitudeDeg(), fix.longitudeDeg());
        }
    }

    private final Connection connection;
    private final AcceptedFixes committed;
    private final Set<SeqKey> seqs = new HashSet<>();
    private final Set<FixKey> fixes = new HashSet<>();
    private final Map<String, List<StoredPosition>> acceptedInBatch = new HashMap<>();

    BatchView(Connection connection, AcceptedFixes committed) {
        this.connection = connection;
        this.committed = committed;
    }

    /** Returns why {@code position} is a duplicate of a stored fix or of an earlier fix of the batch, or empty. */
    Optional<DuplicateKind> duplicateOf(StoredPosition position) throws SQLException {
        // TODO: a seq counter that restarts at 0 after a device reboot makes new fixes look like duplicates.
        var fix = position.fix();
        if (seqs.contains(new SeqKey(fix.vehicleId(), fix.seq()))
                || committed.store().containsSeq(connection, fix.vehicleId(), fix.seq())) {
            return Optional.of(DuplicateKind.SEQ);
        }
        if (fixes.contains(FixKey.of(position)) || committed.store().containsFix(connection, fix)) {
            return Optional.of(DuplicateKind.FIX);
        }
        return Optional.empty();
    }

    /** Returns the accepted (not outlier) fix with the latest fix time at or before {@code upTo}, or null. */
    @Nullable
    StoredPosition acceptedAtOrBefore(String vehicleId, Instant upTo) throws SQLException {
        StoredPosition best = committed.atOrBefore(connection, vehicleId, upTo);
        for (StoredPosition candidate : acceptedInBatch.getOrDefault(vehicleId, List.of())) {
            if (!candidate.fix().fixTime().isAfter(upTo) && (best == null || AcceptedFixes.isLater(candidate, best))) {
                best = candidate;
            }
        }
        return best;
    }

    Connection connection() {
        return connection;
    }

    /** Records a fix of the batch that will be stored. */
    void add(StoredPosition position) {
        seqs.add(new SeqKey(position.vehicleId(), position.fix().seq()));
        fixes.add(FixKey.of(position));
        if (!position.has(PositionFlag.OUTLIER)) {
            acceptedInBatch
                    .computeIfAbsent(position.vehicleId(), id -> new ArrayList<>())
                    .add(position);
        }
    }
}
