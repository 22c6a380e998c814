package org.fleettracker.simulator.internal.mqtt;

import org.fleettracker.protocol.api.Job;
import org.jspecify.annotations.Nullable;

/**
 * The vehicle's reaction to the dispatch jobs in its {@code assign-job} and {@code cancel-job} commands. The link
 * calls it on its serial executor, once per command id.
 */
public interface JobHandler {

    /** Accepts every job and does nothing with it: the vehicle keeps its own plan. */
    JobHandler IGNORE = new JobHandler() {
        @Override
        public @Nullable String assign(String commandId, Job job) {
            return null;
        }

        @Override
        public void cancel(String jobId) {}
    };

    /**
     * Takes job {@code job}, which replaces the job the vehicle does now.
     *
     * @return null when the vehicle takes the job, otherwise the reason it rejects it, at most
     *     {@link org.fleettracker.protocol.api.CommandAck#MAX_REASON_CHARS} characters
     */
    @Nullable
    String assign(String commandId, Job job);

    /** Drops job {@code jobId}; a vehicle that does not do that job changes nothing. */
    void cancel(String jobId);
}
