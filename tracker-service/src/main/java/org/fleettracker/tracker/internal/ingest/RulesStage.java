package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.metrics.DuplicateKind;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.Dialect;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 2b, between validate and persist: the ingest rules of docs/ingest.md, per fix and in arrival order. The fix
 * time window (reject, or GPS week rollover correction), duplicates (not stored again), then the outlier and
 * low-confidence flags; a run of plausible outliers moves the vehicle ({@link OutlierRuns}). An event outside the
 * time window is rejected, without a rollover correction.
 *
 * <p>Reads the database but changes nothing there, so a batch whose commit fails can be checked again. Call {@link
 * #committed} with the stored positions once the batch is committed. Used by the ingest thread only.
 */
final class RulesStage {

    private final Database database;
    private final FixTimeRule fixTime;
    private final PlausibilityRule plausibility;
    private final AcceptedFixes accepted;
    private final OutlierRuns outlierRuns;

    RulesStage(Database database, IngestSettings settings) {
        this.database = database;
        this.fixTime = new FixTimeRule(settings);
        this.plausibility = new PlausibilityRule(settings);
        this.accepted = new AcceptedFixes();
        this.outlierRuns = new OutlierRuns(settings, plausibility, accepted.store());
    }

    List<Decoded> check(List<Decoded> batch) throws SQLException {
        if (batch.stream().noneMatch(Decoded.Fix.class::isInstance)) {
            return check(null, batch);
        }
        try (Connection connection = database.connection()) {
            return check(connection, batch);
        }
    }

    /** Checks the batch as above, reading the database through {@code connection}, such as the batch transaction's. */
    List<Decoded> check(@Nullable Connection connection, List<Decoded> batch) throws SQLException {
        outlierRuns.beginBatch();
        List<Decoded> timed = batch.stream().map(this::checkEventTime).toList();
        if (timed.stream().noneMatch(Decoded.Fix.class::isInstance)) {
            return timed;
        }
        if (connection == null) {
            throw new IllegalArgumentException("checking fixes needs a connection");
        }
        List<Decoded> checked = new ArrayList<>(timed.size());
        BatchView view = accepted.view(connection);
        if (Dialect.of(connection).prefersBatchLookups()) {
            view.lookUpStored(timed.stream()
                    .filter(Decoded.Fix.class::isInstance)
                    .map(decoded -> ((Decoded.Fix) decoded).position())
                    .toList());
        }
        for (Decoded decoded : timed) {
            checked.add(decoded instanceof Decoded.Fix fix ? checkFix(fix, view) : decoded);
        }
        return checked;
    }

    /**
     * Replaces the cached fixes and outlier runs of vehicles that another tracker instance changed.
     *
     * @param latestByVehicle each such vehicle's latest stored fix that is not an outlier, or null when it has none
     */
    void reload(Map<String, @Nullable StoredPosition> latestByVehicle) {
        accepted.reload(latestByVehicle);
        outlierRuns.forget(latestByVehicle.keySet());
    }

    /** Rejects an event, such as an OwnTracks transition, whose time lies outside the fix time window. */
    private Decoded checkEventTime(Decoded decoded) {
        if (!(decoded instanceof Decoded.Event event)) {
            return decoded;
        }
        Optional<FixTimeRule.Outcome.Rejected> rejected = fixTime.checkTime(
                "time", event.event().time(), decoded.message().receivedTime());
        if (rejected.isEmpty()) {
            return decoded;
        }
        return Rejects.of(
                decoded.message(),
                event.fleetId(),
                event.event().vehicleId(),
                rejected.get().reason(),
                rejected.get().detail());
    }

    /** Remembers the committed positions as the vehicles' latest accepted fixes. */
    void committed(Iterable<StoredPosition> stored) {
        accepted.remember(stored);
        outlierRuns.committed();
    }

    private Decoded checkFix(Decoded.Fix decoded, BatchView view) throws SQLException {
        StoredPosition position = decoded.position();
        FixTimeRule.Outcome time =
                fixTime.check(position.fix(), decoded.message().receivedTime());
        if (time instanceof FixTimeRule.Outcome.Rejected rejected) {
            return Rejects.of(
                    decoded.message(), position.fleetId(), position.vehicleId(), rejected.reason(), rejected.detail());
        }
        FixTimeRule.Outcome.Accepted inWindow = (FixTimeRule.Outcome.Accepted) time;
        if (inWindow.corrected()) {
            position = position.withFix(inWindow.fix()).withFlag(PositionFlag.TIME_CORRECTED);
        }
        Optional<DuplicateKind> duplicate = view.duplicateOf(position);
        if (duplicate.isPresent()) {
            return new Decoded.Duplicate(decoded.message(), duplicate.get());
        }
        // TODO: a late fix is checked only against the fix before it; the fix after it is not checked again.
        @Nullable
        StoredPosition previous =
                view.acceptedAtOrBefore(position.vehicleId(), position.fix().fixTime());
        Telemetry previousFix = previous == null ? null : previous.fix();
        @Nullable StoredPosition newest = view.acceptedAtOrBefore(position.vehicleId(), Instant.MAX);
        outlierRuns.restore(view.connection(), position.vehicleId(), newest == null ? null : newest.fix());
        Optional<PositionFlag> flag = movedOrFlag(position.fix(), previousFix, previous == newest);
        if (flag.isPresent()) {
            position = position.withFlag(flag.get());
        }
        view.add(position);
        return new Decoded.Fix(decoded.message(), position);
    }

    /**
     * Checks plausibility; a newest fix that completes a run of plausible outliers is accepted unflagged. A fix older
     * than the run's last outlier does not change the run.
     */
    private Optional<PositionFlag> movedOrFlag(Telemetry fix, @Nullable Telemetry previous, boolean newest) {
        Optional<PositionFlag> flag = plausibility.check(fix, previous);
        if (!newest || outlierRuns.isBehindRun(fix)) {
            return flag;
        }
        if (flag.isPresent() && flag.get() == PositionFlag.OUTLIER) {
            return outlierRuns.completesRun(fix) ? Optional.empty() : flag;
        }
        outlierRuns.accepted(fix.vehicleId());
        return flag;
    }
}
