package org.fleettracker.simulator.internal;

import org.fleettracker.protocol.api.Job;
import org.fleettracker.simulator.internal.mqtt.JobHandler;

/**
 * The jobs of a replayed vehicle: it must stay on its recorded track, so it rejects every job with the reason, and
 * the tracker marks the job rejected so a dispatcher can give it to another vehicle. Thread-safe.
 */
public final class ReplayedJobs implements JobHandler {

    /** The reason in the {@code rejected} ack. */
    public static final String REJECT_REASON =
            "a replayed vehicle follows its recorded track and cannot drive to job stops";

    private final JobCounters counters;

    public ReplayedJobs(JobCounters counters) {
        this.counters = counters;
    }

    @Override
    public String assign(String commandId, Job job) {
        counters.jobRejected();
        return REJECT_REASON;
    }

    @Override
    public void cancel(String jobId) {
        // A replayed vehicle never takes a job, so there is none to drop.
    }
}
