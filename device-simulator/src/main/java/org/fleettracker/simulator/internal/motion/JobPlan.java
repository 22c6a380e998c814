package org.fleettracker.simulator.internal.motion;

import java.util.List;

/**
 * A dispatch job placed on a {@link StreetGrid}: its stops in the job's order, each with the intersection a vehicle
 * leaves the streets at to reach it.
 *
 * @param commandId the {@code assign-job} command that carried the job
 */
public record JobPlan(String commandId, String jobId, List<StopTarget> stops) {

    public JobPlan {
        stops = List.copyOf(stops);
        if (stops.isEmpty()) {
            throw new IllegalArgumentException("job " + jobId + " has no stops");
        }
    }

    /**
     * One job stop on the grid.
     *
     * @param xM metres east of the grid's centre
     * @param yM metres north of the grid's centre
     * @param node the nearest intersection of the grid's largest connected part
     */
    public record StopTarget(String stopId, double xM, double yM, int node) {}
}
