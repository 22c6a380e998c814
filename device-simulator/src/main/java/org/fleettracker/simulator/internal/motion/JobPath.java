package org.fleettracker.simulator.internal.motion;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The points a {@link JobDriver} drives through, in order: intersections along the fastest routes, and for each job
 * stop the stop itself followed by its nearest intersection. Every path ends at an intersection. Not thread-safe.
 */
final class JobPath {

    private static final double KMH_PER_MPS = 3.6;
    /** A change of direction beyond this at an intersection is driven at the U-turn speed. */
    private static final double U_TURN_DEG = 150;

    /**
     * A point of the path.
     *
     * @param node the intersection at the point, or -1 for a job stop off the streets
     * @param stopIndex the job stop the vehicle stays at, or -1 for a point it drives through
     * @param cruiseMps cruise speed on the way to the point
     */
    record Waypoint(double xM, double yM, int node, int stopIndex, double cruiseMps) {}

    private final StreetGrid grid;
    private final RoutePlanner planner;
    private final DrivingProfile driving;
    private final double offStreetMps;
    private final SplittableRandom random;
    private final List<Waypoint> points = new ArrayList<>();

    JobPath(StreetGrid grid, DrivingProfile driving, JobProfile jobs, SplittableRandom random) {
        this.grid = grid;
        this.planner = new RoutePlanner(grid);
        this.driving = driving;
        this.offStreetMps = jobs.offStreetKmh() / KMH_PER_MPS;
        this.random = random;
    }

    int size() {
        return points.size();
    }

    Waypoint get(int index) {
        return points.get(index);
    }

    void clear() {
        points.clear();
    }

    /** Adds the rest of the street from {@code from} to {@code to} that the vehicle is on. */
    void addStreetEnd(int from, int to) {
        points.add(new Waypoint(grid.xM(to), grid.yM(to), to, -1, drawCruiseMps(from, to)));
    }

    /** Adds the stops of {@code plan} in order, starting at intersection {@code from}. */
    void addStops(int from, JobPlan plan) {
        int node = from;
        for (int i = 0; i < plan.stops().size(); i++) {
            JobPlan.StopTarget stop = plan.stops().get(i);
            addRoute(node, stop.node());
            points.add(new Waypoint(stop.xM(), stop.yM(), -1, i, offStreetMps));
            points.add(new Waypoint(grid.xM(stop.node()), grid.yM(stop.node()), stop.node(), -1, offStreetMps));
            node = stop.node();
        }
    }

    /** Removes the point at {@code index}. */
    void remove(int index) {
        points.remove(index);
    }

    /** Removes every point after {@code index}. */
    void truncateAfter(int index) {
        points.subList(index + 1, points.size()).clear();
    }

    /** Adds the fastest route between two intersections, or a straight line when no street joins them. */
    private void addRoute(int from, int to) {
        List<Integer> route;
        try {
            route = planner.route(from, to);
        } catch (IllegalArgumentException e) {
            // A vehicle of the grid's own driving may start on a small part that streets do not join to the rest.
            points.add(new Waypoint(grid.xM(to), grid.yM(to), to, -1, offStreetMps));
            return;
        }
        for (int i = 1; i < route.size(); i++) {
            int node = route.get(i);
            points.add(new Waypoint(grid.xM(node), grid.yM(node), node, -1, drawCruiseMps(route.get(i - 1), node)));
        }
    }

    /**
     * Returns the speed to pass point {@code target} at, coming from ({@code fromXM}, {@code fromYM}): 0 where the
     * vehicle stops, less through turns.
     */
    double passSpeedMps(int target, double fromXM, double fromYM) {
        Waypoint to = points.get(target);
        if (to.stopIndex() >= 0 || target == points.size() - 1) {
            return 0;
        }
        Waypoint next = points.get(target + 1);
        double turnDeg = Geo.headingDifferenceDeg(
                bearingDeg(fromXM, fromYM, to.xM(), to.yM()), bearingDeg(to.xM(), to.yM(), next.xM(), next.yM()));
        double limitMps;
        if (turnDeg > U_TURN_DEG) {
            limitMps = driving.uTurnKmh() / KMH_PER_MPS;
        } else if (turnDeg > driving.straightToleranceDeg()) {
            limitMps = driving.turnKmh() / KMH_PER_MPS;
        } else {
            limitMps = Math.min(to.cruiseMps(), next.cruiseMps());
        }
        boolean nextStops = next.stopIndex() >= 0 || target + 1 == points.size() - 1;
        if (nextStops) {
            // Leaves room to brake to a stop on the next segment, however short it is.
            double nextM = Math.hypot(next.xM() - to.xM(), next.yM() - to.yM());
            limitMps = Math.min(limitMps, Math.sqrt(2 * driving.decelerationMps2() * nextM));
        }
        return limitMps;
    }

    private double drawCruiseMps(int from, int to) {
        RoadClass roadClass = grid.roadClass(from, to);
        double kmh =
                roadClass.minCruiseKmh() + random.nextDouble() * (roadClass.maxCruiseKmh() - roadClass.minCruiseKmh());
        return kmh / KMH_PER_MPS;
    }

    /** Returns the direction from one point to another, clockwise from north, in degrees. */
    static double bearingDeg(double fromXM, double fromYM, double toXM, double toYM) {
        return Geo.normalizeDeg(Math.toDegrees(Math.atan2(toXM - fromXM, toYM - fromYM)));
    }
}
