package org.fleettracker.simulator.internal.motion;

import java.util.SplittableRandom;

/**
 * One vehicle driving a {@link StreetGrid}: it accelerates to a cruise speed drawn per street, brakes before turns
 * and stops, sometimes waits at an intersection, and picks its next street at random without turning back unless
 * the street is a dead end.
 *
 * <p>The heading is the direction of the street being driven and keeps its last value while the vehicle is stopped.
 * Not thread-safe: one caller steps it.
 */
public final class StreetDriver implements GridDriver {

    private static final double KMH_PER_MPS = 3.6;
    private static final double ARRIVAL_SNAP_M = 0.5;

    /**
     * Accuracy radius a driven vehicle reports, as a good GPS receiver under open sky does. Without one, the tracker
     * flags the repeated fixes of a stopped vehicle as low confidence.
     */
    static final double REPORTED_ACCURACY_M = 5;

    private final StreetGrid grid;
    private final DrivingProfile profile;
    private final Geo.LocalProjection projection;
    private final SplittableRandom random;

    private int fromNode;
    private int toNode;
    private int nextNode;
    private double alongM;
    private double speedMps;
    private double cruiseMps;
    private double nextCruiseMps;
    private boolean stopAtEnd;
    private double stopRemainingS;
    private double headingDeg;
    private double odometerM;

    public StreetDriver(
            StreetGrid grid, DrivingProfile profile, Geo.LocalProjection projection, SplittableRandom random) {
        this.grid = grid;
        this.profile = profile;
        this.projection = projection;
        this.random = random;
        this.fromNode = random.nextInt(grid.size());
        int[] firstChoices = grid.neighbours(fromNode);
        this.toNode = firstChoices[random.nextInt(firstChoices.length)];
        this.nextNode = chooseNext(fromNode, toNode);
        this.cruiseMps = drawCruiseMps();
        this.nextCruiseMps = drawCruiseMps();
        this.stopAtEnd = random.nextDouble() < profile.stopProbability();
        this.stopRemainingS = random.nextDouble() * profile.minStopS();
        this.headingDeg = grid.bearingDeg(fromNode, toNode);
    }

    @Override
    public MotionFix current() {
        return new MotionFix(
                projection.latitudeDeg(yM()),
                projection.longitudeDeg(xM()),
                speedMps * KMH_PER_MPS,
                headingDeg,
                null,
                REPORTED_ACCURACY_M,
                odometerM);
    }

    private double xM() {
        return grid.xM(fromNode) + (grid.xM(toNode) - grid.xM(fromNode)) * fraction();
    }

    private double yM() {
        return grid.yM(fromNode) + (grid.yM(toNode) - grid.yM(fromNode)) * fraction();
    }

    private double fraction() {
        double lengthM = grid.lengthM(fromNode, toNode);
        return lengthM == 0 ? 0 : alongM / lengthM;
    }

    /** Returns false: the waits at intersections stand for traffic, not for a stay at a place. */
    @Override
    public boolean isDwelling() {
        return false;
    }

    @Override
    public Handoff handOff() {
        return new Handoff(xM(), yM(), fromNode, toNode, speedMps, headingDeg, odometerM);
    }

    /** Continues the random drive from {@code node} along a street chosen at random, starting from standstill. */
    @Override
    public void resumeAt(int node, double headingDeg, double odometerM) {
        int[] choices = grid.neighbours(node);
        this.fromNode = node;
        this.toNode = choices[random.nextInt(choices.length)];
        this.nextNode = chooseNext(fromNode, toNode);
        this.alongM = 0;
        this.speedMps = 0;
        this.cruiseMps = drawCruiseMps();
        this.nextCruiseMps = drawCruiseMps();
        this.stopAtEnd = random.nextDouble() < profile.stopProbability();
        this.stopRemainingS = 0;
        this.headingDeg = headingDeg;
        this.odometerM = odometerM;
    }

    @Override
    public MotionFix advance(double durationS) {
        double remainingS = durationS;
        while (remainingS > 1e-9) {
            double stepS = Math.min(profile.stepS(), remainingS);
            step(stepS);
            remainingS -= stepS;
        }
        return current();
    }

    private void step(double stepS) {
        if (stopRemainingS > 0) {
            speedMps = 0;
            stopRemainingS -= stepS;
            return;
        }
        double lengthM = grid.lengthM(fromNode, toNode);
        double toEndM = Math.max(0, lengthM - alongM);
        double endSpeedMps = stopAtEnd ? 0 : speedThroughIntersectionMps();
        double brakingLimitMps = Math.sqrt(endSpeedMps * endSpeedMps + 2 * profile.decelerationMps2() * toEndM);
        double targetMps = Math.min(cruiseMps, brakingLimitMps);
        double newSpeedMps = Math.min(targetMps, speedMps + profile.accelerationMps2() * stepS);
        double movedM = (speedMps + newSpeedMps) / 2 * stepS;
        speedMps = newSpeedMps;
        alongM += movedM;
        odometerM += movedM;
        if (movedM > 0) {
            headingDeg = grid.bearingDeg(fromNode, toNode);
        }
        boolean arrived = alongM >= lengthM || (stopAtEnd && lengthM - alongM < ARRIVAL_SNAP_M);
        if (arrived) {
            enterNextStreet(stopAtEnd ? 0 : alongM - lengthM);
        }
    }

    private void enterNextStreet(double carriedM) {
        if (stopAtEnd) {
            odometerM += Math.max(0, grid.lengthM(fromNode, toNode) - alongM);
            speedMps = 0;
            stopRemainingS = profile.minStopS() + random.nextDouble() * (profile.maxStopS() - profile.minStopS());
        }
        fromNode = toNode;
        toNode = nextNode;
        nextNode = chooseNext(fromNode, toNode);
        cruiseMps = nextCruiseMps;
        nextCruiseMps = drawCruiseMps();
        stopAtEnd = random.nextDouble() < profile.stopProbability();
        // A short street can be crossed within one step; the rest of the distance stays on the new street.
        alongM = Math.min(carriedM, grid.lengthM(fromNode, toNode));
        if (alongM > 0) {
            headingDeg = grid.bearingDeg(fromNode, toNode);
        }
    }

    private double speedThroughIntersectionMps() {
        if (nextNode == fromNode) {
            return profile.uTurnKmh() / KMH_PER_MPS;
        }
        double turnDeg = Geo.headingDifferenceDeg(grid.bearingDeg(fromNode, toNode), grid.bearingDeg(toNode, nextNode));
        if (turnDeg > profile.straightToleranceDeg()) {
            return profile.turnKmh() / KMH_PER_MPS;
        }
        return Math.min(cruiseMps, nextCruiseMps);
    }

    private int chooseNext(int from, int at) {
        int[] choices = grid.neighbours(at);
        if (choices.length == 1) {
            return choices[0];
        }
        int pick;
        do {
            pick = choices[random.nextInt(choices.length)];
        } while (pick == from);
        return pick;
    }

    private double drawCruiseMps() {
        double kmh = profile.minCruiseKmh() + random.nextDouble() * (profile.maxCruiseKmh() - profile.minCruiseKmh());
        return kmh / KMH_PER_MPS;
    }
}
