package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest committed fix of each vehicle that is not an outlier, and the extent (highest seq, latest fix time) of
 * all its stored positions, kept in memory so that in-order fixes need no database look-up. Filled from the database
 * on first use of a vehicle. Used by the ingest thread only.
 */
final class AcceptedFixes {

    static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final PositionStore store = new PositionStore();
    private final Map<String, StoredPosition> latest = new HashMap<>();

    /**
     * Per vehicle, the extent of its stored positions, or {@link #NOTHING_STORED}. It may only be too high, never too
     * low: a fix beyond it cannot be stored already, so its duplicate look-ups are skipped.
     */
    private final Map<String, PositionStore.StoredExtent> extents = new HashMap<>();

    private static final PositionStore.StoredExtent NOTHING_STORED = new PositionStore.StoredExtent(-1, Instant.MIN);

    /**
     * A fix less than this after the latest stored one is looked up all the same, because PostgreSQL keeps fix times
     * to the microsecond, and the two may be equal once stored.
     */
    private static final long FIX_TIME_MARGIN_NANOS = 1_000;

    /** Returns a view for checking one batch against the committed fixes and the batch's own earlier fixes. */
    BatchView view(Connection connection) {
        return new BatchView(connection, this);
    }

    void remember(Iterable<StoredPosition> committed) {
        for (StoredPosition position : committed) {
            PositionStore.StoredExtent extent = extents.get(position.vehicleId());
            if (extent != null) {
                extents.put(position.vehicleId(), extent.including(position.fix()));
            }
            if (position.has(PositionFlag.OUTLIER)) {
                continue;
            }
            StoredPosition current = latest.get(position.vehicleId());
            if (current == null || isLater(position, current)) {
                latest.put(position.vehicleId(), position);
            }
        }
    }

    /** Returns whether no stored position of the fix's vehicle can have its seq, because all have lower ones. */
    boolean seqBeyondStored(Connection connection, StoredPosition position) throws SQLException {
        return position.fix().seq() > extent(connection, position.vehicleId()).maxSeq();
    }

    /** Returns whether no stored position of the fix's vehicle can have its fix time, because all are earlier. */
    boolean fixTimeBeyondStored(Connection connection, StoredPosition position) throws SQLException {
        Instant latestStored = extent(connection, position.vehicleId()).maxFixTime();
        return position.fix().fixTime().isAfter(latestStored.plusNanos(FIX_TIME_MARGIN_NANOS));
    }

    private PositionStore.StoredExtent extent(Connection connection, String vehicleId) throws SQLException {
        PositionStore.StoredExtent extent = extents.get(vehicleId);
        if (extent == null) {
            PositionStore.StoredExtent found = store.findExtent(connection, vehicleId);
            extent = found == null ? NOTHING_STORED : found;
            extents.put(vehicleId, extent);
        }
        return extent;
    }

    /** Returns the committed accepted fix of the vehicle with the latest fix time at or before {@code upTo}. */
    @Nullable
    StoredPosition atOrBefore(Connection connection, String vehicleId, Instant upTo) throws SQLException {
        StoredPosition last = latest.get(vehicleId);
        if (last == null) {
            Optional<StoredPosition> stored = store.findAcceptedAtOrBefore(connection, vehicleId, END_OF_TIME);
            if (stored.isEmpty()) {
                return null;
            }
            last = stored.get();
            latest.put(vehicleId, last);
        }
        if (!last.fix().fixTime().isAfter(upTo)) {
            return last;
        }
        // A late fix: its predecessor lies somewhere in the history.
        return store.findAcceptedAtOrBefore(connection, vehicleId, upTo).orElse(null);
    }

    /**
     * Replaces the cached latest fix of each vehicle with the one read from the database after another tracker
     * instance changed it; a null value forgets the vehicle, so its next use reads the database.
     */
    void reload(Map<String, @Nullable StoredPosition> latestByVehicle) {
        latestByVehicle.forEach((vehicleId, position) -> {
            extents.remove(vehicleId);
            if (position == null) {
                latest.remove(vehicleId);
            } else {
                latest.put(vehicleId, position);
            }
        });
    }

    PositionStore store() {
        return store;
    }

    static boolean isLater(StoredPosition a, StoredPosition b) {
        int byTime = a.fix().fixTime().compareTo(b.fix().fixTime());
        return byTime > 0 || (byTime == 0 && a.fix().seq() > b.fix().seq());
    }
}
