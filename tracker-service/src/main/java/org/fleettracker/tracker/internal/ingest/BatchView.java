package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Telemetry;
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
    private final Map<SeqKey, Boolean> seqLookups = new HashMap<>();
    private final Map<FixKey, Boolean> fixLookups = new HashMap<>();

    BatchView(Connection connection, AcceptedFixes committed) {
        this.connection = connection;
        this.committed = committed;
    }

    /**
     * Looks up in two queries which of the batch's fixes are stored already, by seq and by fix, so that {@link
     * #duplicateOf} queries the database only for fixes that changed since, such as a fix whose time was corrected.
     * Fixes beyond their vehicle's stored extent need no look-up and are left out.
     */
    void lookUpStored(List<StoredPosition> all) throws SQLException {
        List<StoredPosition> positions = new ArrayList<>();
        for (StoredPosition position : all) {
            if (!committed.seqBeyondStored(connection, position)
                    || !committed.fixTimeBeyondStored(connection, position)) {
                positions.add(position);
            }
        }
        if (positions.isEmpty()) {
            return;
        }
        List<Telemetry> fixList = positions.stream().map(StoredPosition::fix).toList();
        boolean[] seqFound = committed.store().findStoredSeqs(connection, fixList);
        boolean[] fixFound = committed.store().findStoredFixes(connection, fixList);
        for (int i = 0; i < positions.size(); i++) {
            seqLookups.put(
                    new SeqKey(
                            positions.get(i).vehicleId(), positions.get(i).fix().seq()),
                    seqFound[i]);
            fixLookups.put(FixKey.of(positions.get(i)), fixFound[i]);
        }
    }

    /** Returns why {@code position} is a duplicate of a stored fix or of an earlier fix of the batch, or empty. */
    Optional<DuplicateKind> duplicateOf(StoredPosition position) throws SQLException {
        // TODO: a seq counter that restarts at 0 after a device reboot makes new fixes look like duplicates.
        var fix = position.fix();
        SeqKey seqKey = new SeqKey(fix.vehicleId(), fix.seq());
        if (seqs.contains(seqKey) || isStored(seqKey, position)) {
            return Optional.of(DuplicateKind.SEQ);
        }
        FixKey fixKey = FixKey.of(position);
        if (fixes.contains(fixKey) || isStored(fixKey, position)) {
            return Optional.of(DuplicateKind.FIX);
        }
        return Optional.empty();
    }

    private boolean isStored(SeqKey key, StoredPosition position) throws SQLException {
        if (committed.seqBeyondStored(connection, position)) {
            return false;
        }
        Boolean found = seqLookups.get(key);
        return found != null ? found : committed.store().containsSeq(connection, key.vehicleId(), key.seq());
    }

    private boolean isStored(FixKey key, StoredPosition position) throws SQLException {
        if (committed.fixTimeBeyondStored(connection, position)) {
            return false;
        }
        Boolean found = fixLookups.get(key);
        return found != null ? found : committed.store().containsFix(connection, position.fix());
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
