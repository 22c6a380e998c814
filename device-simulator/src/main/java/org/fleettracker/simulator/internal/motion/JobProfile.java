package org.fleettracker.simulator.internal.motion;

/**
 * Tunables of how a generated vehicle does a dispatch job.
 *
 * @param dwellS stay at each job stop, in seconds
 * @param maxOffStreetM farthest a job stop may lie from the nearest intersection; a vehicle rejects a job with a stop
 *     farther away
 * @param offStreetKmh cruise speed on the straight line between a stop's nearest intersection and the stop itself
 */
public record JobProfile(double dwellS, double maxOffStreetM, double offStreetKmh) {

    /** Default stay at a job stop: long enough to load or unload a few parcels (a chosen value). */
    public static final double DEFAULT_DWELL_S = 120;

    /** Stops up to this far from an intersection count as a yard or car park beside the streets (a chosen value). */
    public static final double DEFAULT_MAX_OFF_STREET_M = 300;

    /** Walking-pace driving across a yard or car park. */
    public static final double DEFAULT_OFF_STREET_KMH = 15;

    public JobProfile {
        if (!(dwellS >= 0 && maxOffStreetM >= 0 && offStreetKmh > 0)) {
            throw new IllegalArgumentException("a job profile needs dwellS >= 0, maxOffStreetM >= 0 and offStreetKmh"
                    + " > 0, got " + dwellS + ", " + maxOffStreetM + " and " + offStreetKmh);
        }
    }

    /** Returns the profile with the default limits and a stay of {@code dwellS} seconds at each stop. */
    public static JobProfile withDwellS(double dwellS) {
        return new JobProfile(dwellS, DEFAULT_MAX_OFF_STREET_M, DEFAULT_OFF_STREET_KMH);
    }
}
