package org.fleettracker.tracker.internal.geo;

/** Distances on a sphere with the WGS 84 mean radius. Stateless. */
public final class Geo {

    /** Mean radius of the WGS 84 ellipsoid, (2a + b) / 3, in metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    /** Length of one degree of latitude on the sphere, in metres. */
    public static final double METRES_PER_DEGREE = Math.toRadians(1) * EARTH_RADIUS_M;

    private Geo() {}

    /** Returns the great-circle distance between two points in metres, by the haversine formula. */
    public static double distanceM(GeoPoint a, GeoPoint b) {
        return distanceM(a.latitudeDeg(), a.longitudeDeg(), b.latitudeDeg(), b.longitudeDeg());
    }

    /** Returns the great-circle distance between two latitude and longitude pairs in degrees, in metres. */
    public static double distanceM(
            double latitude1Deg, double longitude1Deg, double latitude2Deg, double longitude2Deg) {
        double phi1 = Math.toRadians(latitude1Deg);
        double phi2 = Math.toRadians(latitude2Deg);
        double sinHalfDeltaPhi = Math.sin((phi2 - phi1) / 2);
        double sinHalfDeltaLambda = Math.sin(Math.toRadians(longitude2Deg - longitude1Deg) / 2);
        double h = sinHalfDeltaPhi * sinHalfDeltaPhi
                + Math.cos(phi1) * Math.cos(phi2) * sinHalfDeltaLambda * sinHalfDeltaLambda;
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
