package org.fleettracker.simulator.internal.motion;

/**
 * A vehicle that drives a {@link StreetGrid} by a plan of its own, and that can hand the wheel to a
 * {@link JobDriver} and take it back at an intersection. Not thread-safe: one caller steps it.
 */
public interface GridDriver extends VehicleDriver {

    /**
     * Returns where the vehicle is and how it moves, so another driver can continue from there. The vehicle stops
     * following its own plan until {@link #resumeAt} is called.
     */
    Handoff handOff();

    /**
     * Takes the vehicle back, stopped at intersection {@code node}, and continues its own plan from there.
     *
     * @param headingDeg the direction the vehicle last drove, kept while it is stopped
     * @param odometerM the distance driven so far, which goes on counting
     */
    void resumeAt(int node, double headingDeg, double odometerM);

    /**
     * Where a vehicle is and how it moves at a handoff.
     *
     * @param xM metres east of the grid's centre
     * @param yM metres north of the grid's centre
     * @param fromNode the intersection the vehicle last passed or is stopped at
     * @param toNode the intersection at the end of the street the vehicle is on, equal to {@code fromNode} when it
     *     waits at an intersection
     */
    record Handoff(
            double xM, double yM, int fromNode, int toNode, double speedMps, double headingDeg, double odometerM) {}
}
