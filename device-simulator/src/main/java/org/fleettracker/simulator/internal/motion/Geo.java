package org.fleettracker.simulator.internal.motion;

/** Great-circle distance and bearing on a spherical Earth, plus a local flat projection around a centre. */
public final class Geo {

    /** Mean Earth radius (IUGG), in metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    private Geo() {}

    /** Returns the haversine distance between two points, in metres. */
    public static double distanceM(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg) {
        double phi1 = Math.toRadians(lat1Deg);
        double phi2 = Math.toRadians(lat2Deg);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2Deg - lon1Deg);
        double a =
                Math.pow(Math.sin(dPhi / 2), 2) + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Returns the initial bearing from the first point to the second, from 0 (north) to below 360, clockwise. */
    public static double bearingDeg(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg) {
        double phi1 = Math.toRadians(lat1Deg);
        double phi2 = Math.toRadians(lat2Deg);
        double dLambda = Math.toRadians(lon2Deg - lon1Deg);
        double y = Math.sin(dLambda) * Math.cos(phi2);
        double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
        return normalizeDeg(Math.toDegrees(Math.atan2(y, x)));
    }

    /** Maps any angle to the range from 0 to below 360 degrees. */
    public static double normalizeDeg(double angleDeg) {
        double normalized = angleDeg % 360;
        if (normalized < 0) {
            normalized += 360;
        }
        // A tiny negative input rounds to exactly 360 after the addition.
        return normalized >= 360 ? 0 : normalized;
    }

    /** Returns the smallest absolute difference between two headings, from 0 to 180 degrees. */
    public static double headingDifferenceDeg(double aDeg, double bDeg) {
        double difference = Math.abs(normalizeDeg(aDeg) - normalizeDeg(bDeg));
        return difference > 180 ? 360 - difference : difference;
    }

    /**
     * Equirectangular projection around a centre: x east and y north in metres.
     *
     * <p>Its east-west scale error grows with the distance from the centre: about 0.2 % at 10 km north or south of
     * a centre at 46 degrees latitude.
     */
    public record LocalProjection(double centerLatDeg, double centerLonDeg) {

        public double latitudeDeg(double northM) {
            return centerLatDeg + Math.toDegrees(northM / EARTH_RADIUS_M);
        }

        public double longitudeDeg(double eastM) {
            return centerLonDeg + Math.toDegrees(eastM / (EARTH_RADIUS_M * Math.cos(Math.toRadians(centerLatDeg))));
        }

        /** Returns the metres north of the centre of a latitude; the inverse of {@link #latitudeDeg}. */
        public double northM(double latitudeDeg) {
            return Math.toRadians(latitudeDeg - centerLatDeg) * EARTH_RADIUS_M;
        }

        /** Returns the metres east of the centre of a longitude; the inverse of {@link #longitudeDeg}. */
        public double eastM(double longitudeDeg) {
            return Math.toRadians(longitudeDeg - centerLonDeg)
                    * EARTH_RADIUS_M
                    * Math.cos(Math.toRadians(centerLatDeg));
        }
    }
}
