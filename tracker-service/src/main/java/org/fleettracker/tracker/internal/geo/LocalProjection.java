package org.fleettracker.tracker.internal.geo;

/**
 * An equirectangular projection around an origin: x metres east and y metres north of it. By estimate, from the
 * change of the cosine of the latitude, distances within 5 km of an origin at 46 degrees are off by under 0.1 %.
 */
final class LocalProjection {

    private final double originLatitudeDeg;
    private final double originLongitudeDeg;
    private final double metresPerDegreeLongitude;

    LocalProjection(GeoPoint origin) {
        this.originLatitudeDeg = origin.latitudeDeg();
        this.originLongitudeDeg = origin.longitudeDeg();
        this.metresPerDegreeLongitude = Geo.METRES_PER_DEGREE * Math.cos(Math.toRadians(originLatitudeDeg));
    }

    // TODO: a shape that crosses the antimeridian projects wrongly, because longitudes are not wrapped.
    double x(GeoPoint point) {
        return (point.longitudeDeg() - originLongitudeDeg) * metresPerDegreeLongitude;
    }

    double y(GeoPoint point) {
        return (point.latitudeDeg() - originLatitudeDeg) * Geo.METRES_PER_DEGREE;
    }
}
