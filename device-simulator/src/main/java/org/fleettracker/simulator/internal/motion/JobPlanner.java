package org.fleettracker.simulator.internal.motion;

import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Places the stops of a dispatch job on a {@link StreetGrid}: each stop gets the nearest intersection of the grid's
 * largest connected part, so a route joins any two stops. Immutable and thread-safe.
 */
public final class JobPlanner {

    private final StreetGrid grid;
    private final Geo.LocalProjection projection;
    private final JobProfile profile;
    private final List<Integer> candidates;

    public JobPlanner(StreetGrid grid, Geo.LocalProjection projection, JobProfile profile) {
        this.grid = grid;
        this.projection = projection;
        this.profile = profile;
        this.candidates = List.copyOf(Places.largestComponent(grid));
    }

    /**
     * Returns the job's stops on the grid, in the job's order.
     *
     * @throws IllegalArgumentException naming the first stop farther than {@link JobProfile#maxOffStreetM()} from
     *     every intersection; its message is the reason a vehicle gives when it rejects the job
     */
    public JobPlan plan(String commandId, Job job) {
        List<JobPlan.StopTarget> targets = new ArrayList<>();
        for (JobStop stop : job.stops()) {
            double xM = projection.eastM(stop.longitudeDeg());
            double yM = projection.northM(stop.latitudeDeg());
            int node = nearest(xM, yM);
            double offStreetM = Math.hypot(grid.xM(node) - xM, grid.yM(node) - yM);
            if (offStreetM > profile.maxOffStreetM()) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "stop '%s' is %.0f m from the nearest street of the simulated city, more than %.0f m",
                        stop.stopId(),
                        offStreetM,
                        profile.maxOffStreetM()));
            }
            targets.add(new JobPlan.StopTarget(stop.stopId(), xM, yM, node));
        }
        return new JobPlan(commandId, job.jobId(), targets);
    }

    private int nearest(double xM, double yM) {
        int best = candidates.get(0);
        double bestM = Double.POSITIVE_INFINITY;
        for (int node : candidates) {
            double distanceM = Math.hypot(grid.xM(node) - xM, grid.yM(node) - yM);
            if (distanceM < bestM) {
                best = node;
                bestM = distanceM;
            }
        }
        return best;
    }
}
