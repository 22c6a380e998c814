package org.fleettracker.simulator.internal;

import org.fleettracker.protocol.api.Job;
import org.fleettracker.simulator.internal.motion.DrivingProfile;
import org.fleettracker.simulator.internal.motion.Geo;
import org.fleettracker.simulator.internal.motion.GridDriver;
import org.fleettracker.simulator.internal.motion.JobDriver;
import org.fleettracker.simulator.internal.motion.JobPlan;
import org.fleettracker.simulator.internal.motion.JobPlanner;
import org.fleettracker.simulator.internal.motion.JobProfile;
import org.fleettracker.simulator.internal.motion.StreetGrid;
import org.fleettracker.simulator.internal.mqtt.JobHandler;
import org.fleettracker.simulator.internal.mqtt.TelemetryLink;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.SplittableRandom;

/**
 * Joins a generated vehicle's command flow to its {@link JobDriver}: places each assigned job on the street grid,
 * rejects a job with a stop too far from the streets, counts jobs and stops, and sends the {@code completed} ack of
 * the {@code assign-job} command when the vehicle leaves the job's last stop.
 *
 * <p>The link calls {@link #assign} and {@link #cancel} on its executor; the driver calls the listener methods on
 * the thread that steps the feed. Thread-safe.
 */
public final class JobFollower implements JobHandler, JobDriver.Listener {

    private static final Logger log = LoggerFactory.getLogger(JobFollower.class);

    /**
     * The street grid, profiles, planner and counters that every vehicle of a run shares for its jobs.
     *
     * @param planner places job stops on {@code grid}
     * @param counters the run's job counters
     */
    public record City(
            StreetGrid grid,
            DrivingProfile driving,
            JobProfile jobs,
            Geo.LocalProjection projection,
            JobPlanner planner,
            JobCounters counters) {}

    private final TelemetryLink link;
    private final JobPlanner planner;
    private final JobCounters counters;
    private final JobDriver driver;

    /** Creates the follower of {@code link}'s vehicle with its own plan {@code own}; the feed steps {@link #driver}. */
    public JobFollower(TelemetryLink link, GridDriver own, City city, SplittableRandom random) {
        this.link = link;
        this.planner = city.planner();
        this.counters = city.counters();
        this.driver = new JobDriver(own, city.grid(), city.driving(), city.jobs(), city.projection(), random, this);
    }

    /** Returns the vehicle's driver: its own plan, or a job while it does one. */
    public JobDriver driver() {
        return driver;
    }

    @Override
    public @Nullable String assign(String commandId, Job job) {
        JobPlan plan;
        try {
            plan = planner.plan(commandId, job);
        } catch (IllegalArgumentException e) {
            counters.jobRejected();
            return e.getMessage();
        }
        driver.submit(new JobDriver.Order.Assign(plan));
        counters.jobAccepted();
        return null;
    }

    @Override
    public void cancel(String jobId) {
        driver.submit(new JobDriver.Order.Cancel(jobId));
    }

    @Override
    public void stopReached(JobPlan job, String stopId) {
        counters.stopReached();
        log.info("Vehicle {} stopped at stop {} of job {}", link.vehicleId(), stopId, job.jobId());
    }

    @Override
    public void jobDone(JobPlan job) {
        counters.jobCompleted();
        log.info("Vehicle {} left the last stop of job {}, so the job is done", link.vehicleId(), job.jobId());
        link.reportCompleted(job.commandId());
    }
}
