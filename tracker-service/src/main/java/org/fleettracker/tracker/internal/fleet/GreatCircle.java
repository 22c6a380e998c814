package org.fleettracker.tracker.internal.fleet;

/** Distances on the WGS 84 mean sphere. */
final class GreatCircle {

    /** Mean Earth radius of WGS 84, in metres. */
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private GreatCircle() {}

    /** Returns the haversine distance between two points, in metres. */
    static double distanceM(double latitude1Deg, double longitude1Deg, double latitude2Deg, double longitude2Deg) {
        double phi1 = Math.toRadians(latitude1Deg);
        double phi2 = Math.toRadians(latitude2Deg);
        double sinHalfDPhi = Math.sin((phi2 - phi1) / 2);
        double sinHalfDLambda = Math.sin(Math.toRadians(longitude2Deg - longitude1Deg) / 2);
        double a = sinHalfDPhi * sinHalfDPhi + Math.cos(phi1) * Math.cos(phi2) * sinHalfDLambda * sinHalfDLambda;
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
