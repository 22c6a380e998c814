package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.JobProgress;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.storage.JobStatus;
import org.fleettracker.tracker.internal.storage.JobStore;
import org.fleettracker.tracker.internal.storage.StoredJob;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows each vehicle's active dispatch job: arrival at and departure from its stops, an ETA for each remaining
 * stop, and alerts for a stop at risk of missing its window and for a vehicle that goes offline during a job.
 *
 * <p>Only the job's next stop is checked, in the job's order. A fix arrives at it when the fix's accuracy circle
 * (its accuracy capped at the stop radius, so a vague fix cannot arrive from far away) reaches the stop circle; the
 * vehicle departs when that circle lies wholly outside the radius plus {@code fleet.geofence-hysteresis-m}. The job
 * is completed when the vehicle departs from the last stop. A fix older than the last one applied, or older than
 * the job, does not move the progress.
 *
 * <p>Jobs created, cancelled or changed elsewhere reach the rule through {@link #jobsChanged()}, which makes it
 * read the active jobs from the database again before the next batch or tick.
 */
public final class JobRule implements FleetRule {

    /**
     * A tick publishes a job's progress again only when an ETA moved by at least this much or a stop's at-risk flag
     * changed, so that a fleet of idle vehicles with jobs does not republish every state on every tick.
     */
    private static final Duration TICK_REPUBLISH_STEP = Duration.ofMinutes(1);

    private final JobStore store = new JobStore();
    private volatile boolean reloadNeeded = true;
    /** Set by {@link #reset()}: the in-memory tracking may contain a rolled-back batch, so it is not kept. */
    private boolean discardTracking;
    /** Set by {@link #forget}: vehicles whose in-memory tracking another tracker instance may have outdated. */
    private final Set<String> discardFor = new HashSet<>();

    private final Map<String, ActiveJob> byVehicle = new LinkedHashMap<>();

    /** Makes the rule read the active jobs again; thread-safe, call after committing a job change. */
    public void jobsChanged() {
        reloadNeeded = true;
    }

    @Override
    public void onBatch(RuleContext context) throws SQLException {
        loadIfNeeded(context);
        for (Map.Entry<String, List<StoredPosition>> entry :
                context.positionsByVehicle().entrySet()) {
            ActiveJob job = byVehicle.get(entry.getKey());
            if (job == null) {
                continue;
            }
            boolean applied = false;
            for (StoredPosition position : entry.getValue()) {
                applied |= apply(context, job, position.fix());
            }
            if (applied) {
                store.updateTracking(
                        context.connection(), job.jobId(), job.lastFixTime, job.offlineAlerted, context.now());
                publishProgress(context, job, progress(context, job));
            }
            if (job.status == JobStatus.COMPLETED) {
                byVehicle.remove(entry.getKey());
            }
        }
    }

    @Override
    public void onTick(RuleContext context) throws SQLException {
        loadIfNeeded(context);
        for (ActiveJob job : List.copyOf(byVehicle.values())) {
            checkOffline(context, job);
            JobProgress progress = progress(context, job);
            if (job.movedSincePublished(progress, TICK_REPUBLISH_STEP)) {
                publishProgress(context, job, progress);
            }
        }
    }

    @Override
    public void reset() {
        discardTracking = true;
        reloadNeeded = true;
    }

    /** Reads the active jobs again before the next batch or tick, and drops the tracking of {@code vehicleIds}. */
    @Override
    public void forget(Set<String> vehicleIds) {
        discardFor.addAll(vehicleIds);
        reloadNeeded = true;
    }

    private void loadIfNeeded(RuleContext context) throws SQLException {
        if (!reloadNeeded) {
            return;
        }
        reloadNeeded = false;
        Map<String, ActiveJob> previous = new LinkedHashMap<>(byVehicle);
        byVehicle.clear();
        for (StoredJob stored : store.findActive(context.connection())) {
            // The newest active job of a vehicle wins; findActive returns the oldest first.
            ActiveJob job = new ActiveJob(stored);
            ActiveJob old = previous.get(stored.job().vehicleId());
            if (old != null
                    && old.jobId().equals(job.jobId())
                    && !discardTracking
                    && !discardFor.contains(job.vehicleId())) {
                job.keepTrackingOf(old);
            }
            byVehicle.put(stored.job().vehicleId(), job);
        }
        discardTracking = false;
        discardFor.clear();
        clearDroppedJobs(context, previous);
    }

    /** Removes the progress of a job that was cancelled or rejected from its vehicle's state. */
    private void clearDroppedJobs(RuleContext context, Map<String, ActiveJob> previous) {
        for (ActiveJob old : previous.values()) {
            ActiveJob current = byVehicle.get(old.vehicleId());
            if (current != null && current.jobId().equals(old.jobId())) {
                continue;
            }
            String droppedJobId = old.jobId();
            Instant now = context.now();
            context.updateState(
                    old.vehicleId(),
                    state -> state.job() != null && state.job().jobId().equals(droppedJobId)
                            ? state.withJob(null, now)
                            : state);
        }
    }

    /** Applies one fix to the job; returns false when the fix is too old to move the progress. */
    private boolean apply(RuleContext context, ActiveJob job, Telemetry fix) throws SQLException {
        Instant last = job.lastFixTime;
        if ((last != null && !fix.fixTime().isAfter(last)) || fix.fixTime().isBefore(job.stored.createdTime())) {
            return false;
        }
        job.lastFixTime = fix.fixTime();
        job.lastFix = fix;
        job.offlineAlerted = false;
        job.addSpeed(fix, context.settings().etaSpeedWindow());
        while (!job.finished() && advance(context, job, fix)) {
            // A fix that departs from one stop may already be within the next one.
        }
        return true;
    }

    /** Moves the job by one arrival or departure at its next stop; returns whether it moved. */
    private boolean advance(RuleContext context, ActiveJob job, Telemetry fix) throws SQLException {
        JobStop stop = job.jobStops().get(job.stopsDone);
        double slackM = Math.min(fix.accuracyM() == null ? 0 : fix.accuracyM(), stop.radiusM());
        // The distance from the stop to the nearest point of the fix's accuracy circle.
        double nearestM = ActiveJob.distanceM(fix, stop) - slackM;
        if (job.stops.get(job.stopsDone).arrivedTime() == null) {
            return nearestM <= stop.radiusM() && arrive(context, job, fix);
        }
        return nearestM > stop.radiusM() + context.settings().geofenceHysteresisM() && depart(context, job, fix);
    }

    private boolean arrive(RuleContext context, ActiveJob job, Telemetry fix) throws SQLException {
        int index = job.stopsDone;
        StoredJob.StopProgress progress = job.stops.get(index);
        setStop(context, job, index, new StoredJob.StopProgress(fix.fixTime(), null, progress.atRiskAlerted()));
        if (job.status != JobStatus.IN_PROGRESS) {
            job.status = JobStatus.IN_PROGRESS;
            store.updateStatus(context.connection(), job.jobId(), job.status, context.now());
        }
        raiseStopEvent(context, job, job.jobStops().get(index), "job-stop-arrived", fix.fixTime());
        return true;
    }

    private boolean depart(RuleContext context, ActiveJob job, Telemetry fix) throws SQLException {
        int index = job.stopsDone;
        StoredJob.StopProgress progress = job.stops.get(index);
        job.stopsDone++;
        setStop(
                context,
                job,
                index,
                new StoredJob.StopProgress(progress.arrivedTime(), fix.fixTime(), progress.atRiskAlerted()));
        raiseStopEvent(context, job, job.jobStops().get(index), "job-stop-departed", fix.fixTime());
        if (job.finished()) {
            job.status = JobStatus.COMPLETED;
            store.updateStatus(context.connection(), job.jobId(), job.status, context.now());
            raise(context, job, "job-completed", fix.fixTime(), EventSeverity.INFO, false, Map.of());
        }
        return true;
    }

    private void setStop(RuleContext context, ActiveJob job, int index, StoredJob.StopProgress progress)
            throws SQLException {
        job.stops.set(index, progress);
        store.updateStop(context.connection(), job.jobId(), index, progress, job.stopsDone, context.now());
    }

    private void raiseStopEvent(RuleContext context, ActiveJob job, JobStop stop, String type, Instant time)
            throws SQLException {
        // Departure is on time when the vehicle arrived in time; arriving before the window opens is on time too.
        Instant arrived = job.stops.get(job.jobStops().indexOf(stop)).arrivedTime();
        Instant windowEnd = stop.windowEnd();
        boolean onTime = windowEnd == null || arrived == null || !arrived.isAfter(windowEnd);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("stopId", stop.stopId());
        attributes.put("kind", stop.kind().code());
        attributes.put("onTime", Boolean.toString(onTime));
        raise(context, job, type, time, EventSeverity.INFO, false, attributes);
    }

    private void checkOffline(RuleContext context, ActiveJob job) throws SQLException {
        if (job.offlineAlerted) {
            return;
        }
        VehicleState state = context.states().get(job.vehicleId());
        Instant lastSeen = state == null ? job.stored.createdTime() : state.receivedTime();
        boolean silent = !lastSeen.plus(context.settings().offlineTimeout()).isAfter(context.now());
        boolean offline = state != null && state.status() == MotionStatus.OFFLINE;
        if (!silent && !offline) {
            return;
        }
        job.offlineAlerted = true;
        store.updateTracking(context.connection(), job.jobId(), job.lastFixTime, true, context.now());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("stopsDone", Integer.toString(job.stopsDone));
        attributes.put("lastSeenTime", lastSeen.toString());
        raise(context, job, "job-vehicle-offline", context.now(), EventSeverity.WARNING, true, attributes);
    }

    private static JobProgress progress(RuleContext context, ActiveJob job) {
        Telemetry position = job.lastFix != null ? job.lastFix : lastKnownFix(context, job.vehicleId());
        FleetSettings settings = context.settings();
        double speedKmh = job.recentSpeedKmh(context.now(), settings.etaSpeedWindow(), settings.etaMinSpeedKmh());
        return job.progress(position, context.now(), speedKmh);
    }

    /** Publishes the progress with the state and raises one job-at-risk alert per stop that newly is at risk. */
    private void publishProgress(RuleContext context, ActiveJob job, JobProgress progress) throws SQLException {
        job.published = progress;
        for (JobProgress.StopEta eta : progress.remaining()) {
            if (eta.atRisk()) {
                raiseAtRisk(context, job, eta);
            }
        }
        Instant now = context.now();
        context.updateState(job.vehicleId(), state -> state.withJob(progress, now));
    }

    private void raiseAtRisk(RuleContext context, ActiveJob job, JobProgress.StopEta eta) throws SQLException {
        int index = job.stored.job().indexOf(eta.stopId());
        StoredJob.StopProgress progress = job.stops.get(index);
        if (progress.atRiskAlerted()) {
            return;
        }
        setStop(context, job, index, new StoredJob.StopProgress(progress.arrivedTime(), progress.departedTime(), true));
        JobStop stop = job.jobStops().get(index);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("stopId", stop.stopId());
        attributes.put("kind", stop.kind().code());
        attributes.put("windowEnd", String.valueOf(stop.windowEnd()));
        attributes.put("etaTime", String.valueOf(eta.etaTime()));
        raise(context, job, "job-at-risk", context.now(), EventSeverity.WARNING, true, attributes);
    }

    private static @Nullable Telemetry lastKnownFix(RuleContext context, String vehicleId) {
        VehicleState state = context.states().get(vehicleId);
        if (state == null) {
            return null;
        }
        return Telemetry.of(
                vehicleId,
                state.seq(),
                state.fixTime(),
                state.latitudeDeg(),
                state.longitudeDeg(),
                state.speedKmh(),
                state.headingDeg());
    }

    private static void raise(
            RuleContext context,
            ActiveJob job,
            String type,
            Instant time,
            EventSeverity severity,
            boolean alert,
            Map<String, String> extra)
            throws SQLException {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("jobId", job.jobId());
        attributes.putAll(extra);
        context.raise(job.stored.fleetId(), job.vehicleId(), type, time, severity, alert, attributes);
    }
}
