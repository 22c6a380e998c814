package org.fleettracker.simulator.api;

/** Motion model of generated vehicles. */
public enum Motion {
    /** Random walk on the street grid at a fixed report interval, with exact positions. */
    GRID,
    /**
     * Delivery rounds between depots and customers along fastest routes, with dwell times, urban and arterial
     * speeds, GPS noise, and a report interval that is longer while the vehicle is stopped.
     */
    DELIVERY
}
