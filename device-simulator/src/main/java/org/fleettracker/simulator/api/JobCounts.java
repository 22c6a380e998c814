package org.fleettracker.simulator.api;

/**
 * Dispatch jobs that the run's vehicles handled.
 *
 * @param accepted jobs a vehicle accepted and started to drive, replacements of a running job included
 * @param rejected jobs a vehicle rejected, such as one with a stop far from the simulated streets or one sent to a
 *     replayed vehicle
 * @param stopsReached job stops where a vehicle stopped inside the stop's radius
 * @param completed jobs whose last stop a vehicle left
 */
public record JobCounts(long accepted, long rejected, long stopsReached, long completed) {}
