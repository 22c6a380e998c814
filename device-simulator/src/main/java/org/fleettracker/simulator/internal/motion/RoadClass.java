package org.fleettracker.simulator.internal.motion;

/** Speed profile of a street: the range a vehicle's cruise speed on one street is drawn from. */
public enum RoadClass {
    /** Residential and shopping streets. */
    URBAN(30, 50),
    /** Main roads through the city. */
    ARTERIAL(50, 70);

    private final double minCruiseKmh;
    private final double maxCruiseKmh;

    RoadClass(double minCruiseKmh, double maxCruiseKmh) {
        this.minCruiseKmh = minCruiseKmh;
        this.maxCruiseKmh = maxCruiseKmh;
    }

    public double minCruiseKmh() {
        return minCruiseKmh;
    }

    public double maxCruiseKmh() {
        return maxCruiseKmh;
    }

    /** Returns the middle of the range, which route planning uses as the expected speed. */
    public double typicalKmh() {
        return (minCruiseKmh + maxCruiseKmh) / 2;
    }
}
