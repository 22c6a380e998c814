package org.fleettracker.tracker.internal.geo;

/**
 * An equirectangular projection around an origin: x metres east and y metres north of it. Errors stay below about
 * 0.1 % within a few kilometres of the origin away from the poles, which is enough for border distances.
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
