package org.fleettracker.tracker.internal.trips;

/** Great-circle distance on a spherical Earth. */
// TODO: use internal/geo once merged, because this copy exists only while no shared geo package is on main.
final class Haversine {

    /** Mean Earth radius (IUGG), in metres. */
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private Haversine() {}

    static double distanceM(double latitude1Deg, double longitude1Deg, double latitude2Deg, double longitude2Deg) {
        double phi1 = Math.toRadians(latitude1Deg);
        double phi2 = Math.toRadians(latitude2Deg);
        double deltaPhi = phi2 - phi1;
        double deltaLambda = Math.toRadians(longitude2Deg - longitude1Deg);
        double a = Math.pow(Math.sin(deltaPhi / 2), 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(deltaLambda / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
