package org.fleettracker.console.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * A vehicle driving clockwise around a circle, with a speed that swings around its mean with a fixed period. The
 * position is a function of time, so a test can tell where the vehicle will be.
 *
 * @param centerLatitudeDeg latitude of the circle's centre
 * @param centerLongitudeDeg longitude of the circle's centre
 * @param radiusM radius of the circle, above 0
 * @param meanSpeedKmh mean speed; 0 for a vehicle that stands at the top of the circle
 * @param swingKmh how far the speed swings above and below the mean, at most the mean
 * @param swingPeriod period of the speed swing
 * @param startTime when the vehicle is at the top of the circle (north of the centre)
 */
public record LoopRoute(
        double centerLatitudeDeg,
        double centerLongitudeDeg,
        double radiusM,
        double meanSpeedKmh,
        double swingKmh,
        Duration swingPeriod,
        Instant startTime) {

    /** Metres per degree of latitude, from the WGS 84 mean radius of 6,371,008.8 m. */
    private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

    public LoopRoute {
        if (radiusM <= 0) {
            throw new IllegalArgumentException("radiusM must be above 0, not " + radiusM);
        }
        if (meanSpeedKmh < 0 || swingKmh < 0 || swingKmh > meanSpeedKmh) {
            throw new IllegalArgumentException("invalid speeds: mean " + meanSpeedKmh + " km/h, swing " + swingKmh);
        }
    }

    /** Returns a vehicle that stands still at the top of a circle around the given centre. */
    public static LoopRoute standing(double latitudeDeg, double longitudeDeg, Instant startTime) {
        return new LoopRoute(latitudeDeg, longitudeDeg, 1, 0, 0, Duration.ofMinutes(1), startTime);
    }

    /** Returns where the vehicle is at {@code time}, with its speed and heading. */
    public Point at(Instant time) {
        double seconds = Duration.between(startTime, time).toMillis() / 1000.0;
        double angleRad = distanceM(seconds) / radiusM;
        double northM = radiusM * Math.cos(angleRad);
        double eastM = radiusM * Math.sin(angleRad);
        double latitudeDeg = centerLatitudeDeg + northM / METRES_PER_DEGREE;
        double longitudeDeg =
                centerLongitudeDeg + eastM / (METRES_PER_DEGREE * Math.cos(Math.toRadians(centerLatitudeDeg)));
        double headingDeg = (Math.toDegrees(angleRad) + 90) % 360;
        if (headingDeg < 0) {
            headingDeg += 360;
        }
        return new Point(latitudeDeg, longitudeDeg, speedKmh(seconds), headingDeg);
    }

    private double speedKmh(double seconds) {
        return meanSpeedKmh + swingKmh * Math.sin(2 * Math.PI * seconds / periodSeconds());
    }

    /** Returns the distance driven since the start: the integral of {@link #speedKmh} in metres. */
    private double distanceM(double seconds) {
        double period = periodSeconds();
        double swingM = swingKmh / 3.6 * period / (2 * Math.PI) * (1 - Math.cos(2 * Math.PI * seconds / period));
        return meanSpeedKmh / 3.6 * seconds + swingM;
    }

    private double periodSeconds() {
        return swingPeriod.toMillis() / 1000.0;
    }

    /** A position on the route with the speed and heading there. */
    public record Point(double latitudeDeg, double longitudeDeg, double speedKmh, double headingDeg) {}
}
