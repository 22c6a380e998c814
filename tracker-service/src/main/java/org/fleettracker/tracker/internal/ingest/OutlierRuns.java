package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outliers each vehicle sent in a row since its last accepted fix, to tell a wrong fix from a vehicle that really
 * is elsewhere: when {@link IngestSettings#outliersToMove()} of them in a row are each plausible from the one before,
 * the last one is accepted.
 *
 * <p>Changes made while checking a batch count only once {@link #committed()} is called, so checking a batch again
 * after a failed commit gives the same result. Used by the ingest thread only.
 */
final class OutlierRuns {

    private final int outliersToMove;
    private final PlausibilityRule plausibility;
    private final PositionStore store;
    private final Map<String, List<Telemetry>> committed = new HashMap<>();
    private Map<String, List<Telemetry>> pending = new HashMap<>();
    private final Set<String> restored = new HashSet<>();

    OutlierRuns(IngestSettings settings, PlausibilityRule plausibility, PositionStore store) {
        this.store = store;
        this.outliersToMove = settings.outliersToMove();
        this.plausibility = plausibility;
    }

    /**
     * Restores the run of a vehicle from its stored fixes once per tracker start, so that a restart in the middle
     * of a run does not start it again.
     *
     * @param newestAccepted the vehicle's newest accepted fix, or null when it has none
     */
    void restore(Connection connection, String vehicleId, @Nullable Telemetry newestAccepted) throws SQLException {
        if (!restored.add(vehicleId) || newestAccepted == null) {
            return;
        }
        List<Telemetry> run = new ArrayList<>();
        for (StoredPosition position :
                store.findNewestAfter(connection, vehicleId, newestAccepted.fixTime(), outliersToMove - 1)) {
            if (position.has(PositionFlag.OUTLIER)) {
                extend(run, position.fix());
            } else {
                run.clear();
            }
        }
        if (!run.isEmpty()) {
            committed.put(vehicleId, List.copyOf(run));
        }
    }

    /** Forgets the runs of vehicles that another tracker instance changed; they are restored again on next use. */
    void forget(Set<String> vehicleIds) {
        for (String vehicleId : vehicleIds) {
            committed.remove(vehicleId);
            restored.remove(vehicleId);
        }
    }

    /** Starts checking a batch; what an earlier check of an uncommitted batch recorded is forgotten. */
    void beginBatch() {
        pending = new HashMap<>();
    }

    /**
     * Records an outlier that is newer than the vehicle's accepted fixes.
     *
     * @return whether it completes a run of plausible outliers, so that it is accepted instead
     */
    boolean completesRun(Telemetry outlier) {
        List<Telemetry> run = new ArrayList<>(current(outlier.vehicleId()));
        extend(run, outlier);
        boolean complete = run.size() >= outliersToMove;
        pending.put(outlier.vehicleId(), complete ? List.of() : List.copyOf(run));
        return complete;
    }

    /**
     * Returns whether {@code fix} is not newer than the last outlier of its vehicle's run: such a late fix neither
     * counts towards the run nor ends it, so the run stays in fix-time order.
     */
    boolean isBehindRun(Telemetry fix) {
        List<Telemetry> run = current(fix.vehicleId());
        return !run.isEmpty() && !fix.fixTime().isAfter(run.get(run.size() - 1).fixTime());
    }

    /** Ends the run of a vehicle whose newest fix was accepted. */
    void accepted(String vehicleId) {
        if (!current(vehicleId).isEmpty()) {
            pending.put(vehicleId, List.of());
        }
    }

    /** Keeps what the batch recorded; call after the batch is committed. */
    void committed() {
        pending.forEach((vehicleId, run) -> {
            if (run.isEmpty()) {
                committed.remove(vehicleId);
            } else {
                committed.put(vehicleId, run);
            }
        });
        pending = new HashMap<>();
    }

    /** Appends {@code outlier} to {@code run}, which starts again when the outlier is implausible from its last. */
    private void extend(List<Telemetry> run, Telemetry outlier) {
        if (!run.isEmpty() && !plausibility.plausibleMove(run.get(run.size() - 1), outlier)) {
            run.clear();
        }
        run.add(outlier);
    }

    private List<Telemetry> current(String vehicleId) {
        List<Telemetry> run = pending.get(vehicleId);
        return run != null ? run : committed.getOrDefault(vehicleId, List.of());
    }
}
