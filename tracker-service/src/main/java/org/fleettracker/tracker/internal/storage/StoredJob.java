package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Job;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A dispatch job as stored, with its progress.
 *
 * @param commandId the {@code assign-job} command that sent the job to the vehicle
 * @param stopsDone how many stops the vehicle has departed from, in order
 * @param lastFixTime fix time of the latest fix that moved the job's progress; older fixes are not applied
 * @param offlineAlerted whether the job-vehicle-offline alert was raised for the vehicle's current outage
 * @param stops the progress of each stop, in the order of {@code job.stops()}
 */
public record StoredJob(
        Job job,
        String fleetId,
        JobStatus status,
        String commandId,
        String createdBy,
        Instant createdTime,
        Instant updatedTime,
        int stopsDone,
        @Nullable Instant lastFixTime,
        boolean offlineAlerted,
        List<StopProgress> stops) {

    public StoredJob {
        if (stops.size() != job.stops().size()) {
            throw new IllegalArgumentException("job " + job.jobId() + " has "
                    + job.stops().size() + " stops but " + stops.size() + " progress rows");
        }
        stops = List.copyOf(stops);
    }

    /** Creates a newly assigned job without progress. */
    public static StoredJob assigned(Job job, String fleetId, String commandId, String createdBy, Instant now) {
        List<StopProgress> progress =
                job.stops().stream().map(stop -> StopProgress.NONE).toList();
        return new StoredJob(
                job, fleetId, JobStatus.ASSIGNED, commandId, createdBy, now, now, 0, null, false, progress);
    }

    /**
     * Progress at one stop.
     *
     * @param arrivedTime fix time of the fix that arrived within the stop's radius, or null
     * @param departedTime fix time of the fix that left the radius plus hysteresis after arriving, or null
     * @param atRiskAlerted whether the job-at-risk alert was raised for this stop
     */
    public record StopProgress(@Nullable Instant arrivedTime, @Nullable Instant departedTime, boolean atRiskAlerted) {

        public static final StopProgress NONE = new StopProgress(null, null, false);
    }
}
