package org.fleettracker.simulator.internal.motion;

import org.jspecify.annotations.Nullable;

import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A generated vehicle that follows its own plan until it takes a dispatch job, then drives the job's stops in order.
 *
 * <p>For a job, the vehicle finishes the street it is on, follows the fastest route to each stop's nearest
 * intersection, and covers the last metres to the stop on a straight line at {@link JobProfile#offStreetKmh()}. It
 * waits at the stop for {@link JobProfile#dwellS()}, drives back to the intersection and goes on. After the last
 * stop, its own driver takes it back at that intersection. Unlike the vehicle's own driving, it does not wait at
 * intersections for traffic during a job.
 *
 * <p>A cancel makes the vehicle leave its stop at once and hand back at the next intersection; a new job replaces
 * the current one from that intersection. Orders from other threads go through {@link #submit} and take effect at
 * the next {@link #advance}; every other method is called by one thread at a time.
 */
public final class JobDriver implements VehicleDriver {

    private static final double KMH_PER_MPS = 3.6;
    private static final double ARRIVAL_SNAP_M = 0.5;

    /** An instruction from the vehicle's command flow. */
    public sealed interface Order {

        /** Drive the stops of {@code plan}, replacing the job the vehicle does now. */
        record Assign(JobPlan plan) implements Order {}

        /** Stop doing job {@code jobId}; a vehicle doing another job or none ignores it. */
        record Cancel(String jobId) implements Order {}
    }

    /** Receives the job events, on the thread that steps the driver. */
    public interface Listener {

        /** The vehicle stopped at a job stop, inside the stop's radius. */
        void stopReached(JobPlan job, String stopId);

        /** The vehicle left the job's last stop, so the job is done. */
        void jobDone(JobPlan job);
    }

    private final GridDriver own;
    private final DrivingProfile driving;
    private final JobProfile jobs;
    private final Geo.LocalProjection projection;
    private final Listener listener;
    private final Queue<Order> orders = new ConcurrentLinkedQueue<>();
    private final JobPath path;

    /** The job being done, or null while the vehicle follows its own plan or returns from a cancelled job. */
    private @Nullable JobPlan job;

    /** Whether this driver has the wheel; false while the vehicle follows its own plan. */
    private boolean steering;

    private int target;
    private double fromXM;
    private double fromYM;
    private double alongM;
    private double speedMps;
    private double headingDeg;
    private double odometerM;
    private double dwellS;
    private int dwellingStop = -1;

    public JobDriver(
            GridDriver own,
            StreetGrid grid,
            DrivingProfile driving,
            JobProfile jobs,
            Geo.LocalProjection projection,
            SplittableRandom random,
            Listener listener) {
        this.own = own;
        this.driving = driving;
        this.jobs = jobs;
        this.projection = projection;
        this.listener = listener;
        this.path = new JobPath(grid, driving, jobs, random);
    }

    /** Queues an order for the next {@link #advance}; thread-safe. */
    public void submit(Order order) {
        orders.add(order);
    }

    /** Returns the id of the job the vehicle does, or null when it does none. */
    public @Nullable String jobId() {
        JobPlan current = job;
        return current == null ? null : current.jobId();
    }

    @Override
    public MotionFix current() {
        if (!steering) {
            return own.current();
        }
        return new MotionFix(
                projection.latitudeDeg(yM()),
                projection.longitudeDeg(xM()),
                speedMps * KMH_PER_MPS,
                headingDeg,
                null,
                StreetDriver.REPORTED_ACCURACY_M,
                odometerM);
    }

    @Override
    public boolean isDwelling() {
        return steering ? dwellS > 0 : own.isDwelling();
    }

    @Override
    public MotionFix advance(double durationS) {
        applyOrders();
        double remainingS = durationS;
        while (remainingS > 1e-9 && steering) {
            double stepS = Math.min(driving.stepS(), remainingS);
            step(stepS);
            remainingS -= stepS;
        }
        if (remainingS > 1e-9) {
            own.advance(remainingS);
        }
        return current();
    }

    /** Returns the position in metres east of the grid's centre. */
    double xM() {
        return target < path.size() ? fromXM + (path.get(target).xM() - fromXM) * fraction() : fromXM;
    }

    /** Returns the position in metres north of the grid's centre. */
    double yM() {
        return target < path.size() ? fromYM + (path.get(target).yM() - fromYM) * fraction() : fromYM;
    }

    private double fraction() {
        double lengthM = segmentLengthM();
        return lengthM == 0 ? 0 : Math.min(1, alongM / lengthM);
    }

    private double segmentLengthM() {
        JobPath.Waypoint to = path.get(target);
        return Math.hypot(to.xM() - fromXM, to.yM() - fromYM);
    }

    private void applyOrders() {
        Order order;
        while ((order = orders.poll()) != null) {
            if (order instanceof Order.Assign assign) {
                startJob(assign.plan());
            } else if (order instanceof Order.Cancel cancel) {
                JobPlan current = job;
                if (current != null && current.jobId().equals(cancel.jobId())) {
                    job = null;
                    cutAtNextIntersection();
                }
            }
        }
    }

    private void startJob(JobPlan plan) {
        int joinNode = steering ? cutAtNextIntersection() : takeWheel();
        job = plan;
        path.addStops(joinNode, plan);
    }

    /** Takes the vehicle from its own driver; returns the intersection at the end of the street it is on. */
    private int takeWheel() {
        GridDriver.Handoff handoff = own.handOff();
        steering = true;
        path.clear();
        target = 0;
        alongM = 0;
        dwellS = 0;
        fromXM = handoff.xM();
        fromYM = handoff.yM();
        speedMps = handoff.speedMps();
        headingDeg = handoff.headingDeg();
        odometerM = handoff.odometerM();
        if (handoff.toNode() != handoff.fromNode()) {
            path.addStreetEnd(handoff.fromNode(), handoff.toNode());
        }
        return handoff.toNode();
    }

    /**
     * Drops the path after the next intersection, leaving a stop at once and skipping a stop not reached yet;
     * returns that intersection. Every job stop is followed by its intersection, so there always is one.
     */
    private int cutAtNextIntersection() {
        dwellS = 0;
        dwellingStop = -1;
        if (path.get(target).node() < 0) {
            // On the way to a stop off the streets: turn back towards its intersection, which follows it in the path.
            double xM = xM();
            double yM = yM();
            path.remove(target);
            fromXM = xM;
            fromYM = yM;
            alongM = 0;
        }
        path.truncateAfter(target);
        return path.get(target).node();
    }

    private void step(double stepS) {
        if (dwellS > 0) {
            speedMps = 0;
            dwellS -= stepS;
            if (dwellS <= 0) {
                leaveStop();
            }
            return;
        }
        drive(stepS);
    }

    /** Accelerates towards the cruise speed, or brakes for the end of the segment, and moves along it. */
    private void drive(double stepS) {
        JobPath.Waypoint to = path.get(target);
        double lengthM = segmentLengthM();
        double toEndM = Math.max(0, lengthM - alongM);
        double endSpeedMps = path.passSpeedMps(target, fromXM, fromYM);
        double brakingLimitMps = Math.sqrt(endSpeedMps * endSpeedMps + 2 * driving.decelerationMps2() * toEndM);
        double targetMps = Math.min(to.cruiseMps(), brakingLimitMps);
        double newSpeedMps = Math.min(targetMps, speedMps + driving.accelerationMps2() * stepS);
        double movedM = (speedMps + newSpeedMps) / 2 * stepS;
        speedMps = newSpeedMps;
        alongM += movedM;
        odometerM += movedM;
        if (movedM > 0 && lengthM > 0) {
            headingDeg = JobPath.bearingDeg(fromXM, fromYM, to.xM(), to.yM());
        }

        boolean stopsHere = endSpeedMps == 0;
        if (alongM >= lengthM || (stopsHere && lengthM - alongM < ARRIVAL_SNAP_M)) {
            if (stopsHere) {
                odometerM += Math.max(0, lengthM - alongM);
                speedMps = 0;
            }
            reach(to, stopsHere ? 0 : alongM - lengthM);
        }
    }

    /** Moves on from waypoint {@code reached}, keeping {@code carriedM} of the step's distance for the next street. */
    private void reach(JobPath.Waypoint reached, double carriedM) {
        fromXM = reached.xM();
        fromYM = reached.yM();
        target++;
        alongM = 0;
        if (reached.stopIndex() >= 0 && job != null) {
            JobPlan current = job;
            dwellingStop = reached.stopIndex();
            dwellS = jobs.dwellS();
            listener.stopReached(
                    current, current.stops().get(reached.stopIndex()).stopId());
            if (dwellS <= 0) {
                leaveStop();
            }
            return;
        }
        if (target >= path.size()) {
            handBack(reached.node());
            return;
        }
        alongM = Math.min(carriedM, segmentLengthM());
    }

    private void leaveStop() {
        dwellS = 0;
        JobPlan current = job;
        if (current != null && dwellingStop == current.stops().size() - 1) {
            job = null;
            listener.jobDone(current);
        }
        dwellingStop = -1;
    }

    private void handBack(int node) {
        steering = false;
        job = null;
        path.clear();
        target = 0;
        own.resumeAt(node, headingDeg, odometerM);
    }
}
