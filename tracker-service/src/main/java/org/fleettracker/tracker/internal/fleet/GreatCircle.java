package org.fleettracker.tracker.internal.fleet;

/** Distances on a spherical Earth. */
final class GreatCircle {

    /** Mean Earth radius (IUGG), in metres. */
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private GreatCircle() {}

    /** Returns the great-circle distance by the haversine formula, in metres. */
    static double distanceM(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg) {
        double dLat = Math.toRadians(lat2Deg - lat1Deg);
        double dLon = Math.toRadians(lon2Deg - lon1Deg);
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1Deg))
                        * Math.cos(Math.toRadians(lat2Deg))
                        * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
