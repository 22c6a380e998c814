package org.fleettracker.simulator.internal.motion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * One vehicle doing delivery rounds on a {@link StreetGrid}: from its depot along the fastest routes to a few
 * customers and back, staying a while at each, then loading at the depot and starting the next round.
 *
 * <p>On each street it accelerates to a cruise speed drawn from the street's {@link RoadClass}, brakes for turns and
 * for the stop at the end of a route, and sometimes waits at an intersection (traffic light, give way). The heading
 * is the direction of the street being driven and keeps its last value while the vehicle is stopped. Not thread-safe:
 * one caller steps it.
 */
public final class DeliveryDriver implements GridDriver {

    private static final double KMH_PER_MPS = 3.6;
    private static final double ARRIVAL_SNAP_M = 0.5;

    private final StreetGrid grid;
    private final DrivingProfile driving;
    private final DeliveryProfile delivery;
    private final Places places;
    private final RoutePlanner planner;
    private final Geo.LocalProjection projection;
    private final SplittableRandom random;
    private final int depot;
    private final Deque<Integer> pendingStops = new ArrayDeque<>();

    private List<Integer> leg;
    private int segment;
    private double alongM;
    private double speedMps;
    private double cruiseMps;
    private double nextCruiseMps;
    private boolean trafficStopAhead;
    private double trafficWaitS;
    private double dwellS;
    private double headingDeg;
    private double odometerM;

    /** Creates a vehicle loading at {@code depot}, for a random part of the depot dwell so rounds start spread. */
    public DeliveryDriver(
            StreetGrid grid,
            DrivingProfile driving,
            DeliveryProfile delivery,
            Places places,
            int depot,
            Geo.LocalProjection projection,
            SplittableRandom random) {
        if (!places.depots().contains(depot)) {
            throw new IllegalArgumentException("intersection " + depot + " is not a depot of " + places.depots());
        }
        this.grid = grid;
        this.driving = driving;
        this.delivery = delivery;
        this.places = places;
        this.planner = new RoutePlanner(grid);
        this.projection = projection;
        this.random = random;
        this.depot = depot;
        this.leg = List.of(depot);
        this.dwellS = random.nextDouble() * delivery.depotDwellS();
        int[] streets = grid.neighbours(depot);
        this.headingDeg = grid.bearingDeg(depot, streets[0]);
    }

    /** Returns whether the vehicle stays at a depot or customer, which a wait at an intersection is not. */
    @Override
    public boolean isDwelling() {
        return dwellS > 0;
    }

    /** Returns the intersection where the vehicle dwells, or -1 while it is not dwelling. */
    public int dwellingAt() {
        return isDwelling() ? leg.get(leg.size() - 1) : -1;
    }

    @Override
    public MotionFix current() {
        return new MotionFix(
                projection.latitudeDeg(yM()),
                projection.longitudeDeg(xM()),
                speedMps * KMH_PER_MPS,
                headingDeg,
                null,
                StreetDriver.REPORTED_ACCURACY_M,
                odometerM);
    }

    /** Keeps the place the vehicle was driving to as its next stop, so the round goes on there after the handoff. */
    @Override
    public Handoff handOff() {
        boolean onTheWay = !isDwelling() && leg.size() >= 2;
        if (onTheWay) {
            pendingStops.addFirst(leg.get(leg.size() - 1));
        }
        if (!onTheWay) {
            int place = leg.get(leg.size() - 1);
            return new Handoff(grid.xM(place), grid.yM(place), place, place, 0, headingDeg, odometerM);
        }
        return new Handoff(xM(), yM(), from(), to(), speedMps, headingDeg, odometerM);
    }

    /** Continues the round from {@code node} along the fastest route to the next place, starting from standstill. */
    @Override
    public void resumeAt(int node, double headingDeg, double odometerM) {
        this.leg = List.of(node);
        this.segment = 0;
        this.alongM = 0;
        this.speedMps = 0;
        this.dwellS = 0;
        this.trafficWaitS = 0;
        this.trafficStopAhead = false;
        this.headingDeg = headingDeg;
        this.odometerM = odometerM;
        startLeg();
    }

    @Override
    public MotionFix advance(double durationS) {
        double remainingS = durationS;
        while (remainingS > 1e-9) {
            double stepS = Math.min(driving.stepS(), remainingS);
            step(stepS);
            remainingS -= stepS;
        }
        return current();
    }

    /** Returns the position in metres east of the grid's centre. */
    double xM() {
        return interpolate(grid.xM(from()), grid.xM(to()));
    }

    /** Returns the position in metres north of the grid's centre. */
    double yM() {
        return interpolate(grid.yM(from()), grid.yM(to()));
    }

    private double interpolate(double fromM, double toM) {
        if (leg.size() < 2) {
            return fromM;
        }
        double lengthM = grid.lengthM(from(), to());
        return lengthM == 0 ? fromM : fromM + (toM - fromM) * (alongM / lengthM);
    }

    private int from() {
        return leg.get(segment);
    }

    private int to() {
        return leg.get(Math.min(segment + 1, leg.size() - 1));
    }

    private void step(double stepS) {
        if (dwellS > 0) {
            speedMps = 0;
            dwellS -= stepS;
            if (dwellS <= 0) {
                dwellS = 0;
                startLeg();
            }
            return;
        }
        if (trafficWaitS > 0) {
            speedMps = 0;
            trafficWaitS -= stepS;
            return;
        }
        drive(stepS);
    }

    private void drive(double stepS) {
        double lengthM = grid.lengthM(from(), to());
        double toEndM = Math.max(0, lengthM - alongM);
        boolean lastStreet = segment == leg.size() - 2;
        double endSpeedMps = lastStreet || trafficStopAhead ? 0 : speedThroughIntersectionMps();
        double brakingLimitMps = Math.sqrt(endSpeedMps * endSpeedMps + 2 * driving.decelerationMps2() * toEndM);
        double targetMps = Math.min(cruiseMps, brakingLimitMps);
        double newSpeedMps = Math.min(targetMps, speedMps + driving.accelerationMps2() * stepS);
        double movedM = (speedMps + newSpeedMps) / 2 * stepS;
        speedMps = newSpeedMps;
        alongM += movedM;
        odometerM += movedM;
        if (movedM > 0) {
            headingDeg = grid.bearingDeg(from(), to());
        }
        boolean stopsHere = lastStreet || trafficStopAhead;
        if (alongM >= lengthM || (stopsHere && lengthM - alongM < ARRIVAL_SNAP_M)) {
            if (stopsHere) {
                odometerM += Math.max(0, lengthM - alongM);
                speedMps = 0;
                alongM = lengthM;
            }
            if (lastStreet) {
                arrive();
            } else {
                enterNextStreet(stopsHere ? 0 : alongM - lengthM);
            }
        }
    }

    private void enterNextStreet(double carriedM) {
        if (trafficStopAhead) {
            trafficWaitS = driving.minStopS() + random.nextDouble() * (driving.maxStopS() - driving.minStopS());
        }
        segment++;
        cruiseMps = nextCruiseMps;
        nextCruiseMps = segment + 2 < leg.size() ? drawCruiseMps(leg.get(segment + 1), leg.get(segment + 2)) : 0;
        // The last intersection of a route is the stop itself, so only intersections before it hold traffic.
        trafficStopAhead = segment + 2 < leg.size() && random.nextDouble() < driving.stopProbability();
        // A short street can be crossed within one step; the rest of the distance stays on the new street.
        alongM = Math.min(carriedM, grid.lengthM(from(), to()));
        if (alongM > 0) {
            headingDeg = grid.bearingDeg(from(), to());
        }
    }

    private void arrive() {
        int place = leg.get(leg.size() - 1);
        dwellS = place == depot
                ? delivery.depotDwellS()
                : delivery.minDwellS() + random.nextDouble() * (delivery.maxDwellS() - delivery.minDwellS());
        if (dwellS <= 0) {
            startLeg();
        }
    }

    /** Leaves the current place along the fastest route to the next stop, planning a new round when none is left. */
    private void startLeg() {
        if (pendingStops.isEmpty()) {
            planRound();
        }
        int here = leg.get(leg.size() - 1);
        int target = pendingStops.poll();
        List<Integer> route = planner.route(here, target);
        if (route.size() < 2) {
            leg = route;
            arrive();
            return;
        }
        leg = route;
        segment = 0;
        alongM = 0;
        cruiseMps = drawCruiseMps(leg.get(0), leg.get(1));
        nextCruiseMps = leg.size() > 2 ? drawCruiseMps(leg.get(1), leg.get(2)) : 0;
        trafficStopAhead = leg.size() > 2 && random.nextDouble() < driving.stopProbability();
    }

    private void planRound() {
        List<Integer> customers = new ArrayList<>(places.customers());
        Collections.shuffle(customers, new Random(random.nextLong()));
        int stops = Math.min(delivery.stopsPerRound(), customers.size());
        pendingStops.addAll(customers.subList(0, stops));
        pendingStops.add(depot);
    }

    private double speedThroughIntersectionMps() {
        int at = to();
        int next = leg.get(segment + 2);
        double turnDeg = Geo.headingDifferenceDeg(grid.bearingDeg(from(), at), grid.bearingDeg(at, next));
        double limitMps = turnDeg > driving.straightToleranceDeg()
                ? driving.turnKmh() / KMH_PER_MPS
                : Math.min(cruiseMps, nextCruiseMps);
        boolean nextIsLast = segment + 2 == leg.size() - 1;
        if (nextIsLast) {
            // Leaves room to brake to a stop on the last street, however short it is.
            limitMps = Math.min(limitMps, Math.sqrt(2 * driving.decelerationMps2() * grid.lengthM(at, next)));
        }
        return limitMps;
    }

    private double drawCruiseMps(int from, int to) {
        RoadClass roadClass = grid.roadClass(from, to);
        double kmh =
                roadClass.minCruiseKmh() + random.nextDouble() * (roadClass.maxCruiseKmh() - roadClass.minCruiseKmh());
        return kmh / KMH_PER_MPS;
    }
}
