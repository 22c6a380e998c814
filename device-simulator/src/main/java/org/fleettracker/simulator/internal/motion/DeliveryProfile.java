package org.fleettracker.simulator.internal.motion;

/**
 * Tunables of delivery rounds: where the places are and how long vehicles stay at them.
 *
 * @param depotCount depots on the street network; each vehicle starts and ends its rounds at one of them
 * @param customerCount customer places on the street network
 * @param stopsPerRound customers visited in one round from the depot and back
 * @param minDwellS shortest stay at a customer, in seconds
 * @param maxDwellS longest stay at a customer, in seconds
 * @param depotDwellS stay at the depot between two rounds (loading), in seconds
 */
public record DeliveryProfile(
        int depotCount, int customerCount, int stopsPerRound, double minDwellS, double maxDwellS, double depotDwellS) {

    /** Two depots, 40 customers, rounds of 4 stops of 1 to 4 minutes, 5 minutes of loading. */
    public static final DeliveryProfile CITY = new DeliveryProfile(2, 40, 4, 60, 240, 300);

    public DeliveryProfile {
        if (depotCount < 1 || customerCount < 1 || stopsPerRound < 1) {
            throw new IllegalArgumentException("a delivery profile needs at least one depot, customer and stop");
        }
        if (!(minDwellS >= 0 && maxDwellS >= minDwellS && depotDwellS >= 0)) {
            throw new IllegalArgumentException("dwell times need 0 <= minDwellS <= maxDwellS and depotDwellS >= 0");
        }
    }
}
