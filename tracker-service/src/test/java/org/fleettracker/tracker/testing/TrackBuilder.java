package org.fleettracker.tracker.testing;

import org.fleettracker.protocol.api.Telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a vehicle's track for scenario tests: straight drives at a constant speed and halts, one fix per interval,
 * with seq numbers from 1 up. Not thread-safe.
 */
public final class TrackBuilder {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private final String vehicleId;
    private final List<Telemetry> fixes = new ArrayList<>();
    private Duration interval = Duration.ofSeconds(5);
    private Instant time;
    private double latitudeDeg;
    private double longitudeDeg;
    private Boolean ignition = Boolean.TRUE;
    private long seq = 1;

    /** Starts at the given place and time; the first fix is written by the first drive or halt. */
    public TrackBuilder(String vehicleId, Instant start, double latitudeDeg, double longitudeDeg) {
        this.vehicleId = vehicleId;
        this.time = start;
        this.latitudeDeg = latitudeDeg;
        this.longitudeDeg = longitudeDeg;
    }

    /** Sets the time between fixes (default 5 s). */
    public TrackBuilder interval(Duration value) {
        interval = value;
        return this;
    }

    /** Sets the ignition reported from now on (default on; null reports none). */
    public TrackBuilder ignition(Boolean value) {
        ignition = value;
        return this;
    }

    /** Drives in a straight line to the target at {@code speedKmh}, one fix per interval, the last one on it. */
    public TrackBuilder driveTo(double targetLatitudeDeg, double targetLongitudeDeg, double speedKmh) {
        double distanceM = distanceM(latitudeDeg, longitudeDeg, targetLatitudeDeg, targetLongitudeDeg);
        double stepM = speedKmh / 3.6 * interval.toMillis() / 1000.0;
        int steps = Math.max(1, (int) Math.ceil(distanceM / stepM));
        double startLatitude = latitudeDeg;
        double startLongitude = longitudeDeg;
        double headingDeg = headingDeg(startLatitude, startLongitude, targetLatitudeDeg, targetLongitudeDeg);
        for (int i = 1; i <= steps; i++) {
            double share = (double) i / steps;
            latitudeDeg = startLatitude + (targetLatitudeDeg - startLatitude) * share;
            longitudeDeg = startLongitude + (targetLongitudeDeg - startLongitude) * share;
            time = time.plus(interval);
            add(speedKmh, headingDeg);
        }
        return this;
    }

    /** Stands still for {@code duration}, one fix per interval at speed 0. */
    public TrackBuilder halt(Duration duration) {
        long steps = Math.max(1, duration.toMillis() / interval.toMillis());
        for (long i = 0; i < steps; i++) {
            time = time.plus(interval);
            add(0, 0);
        }
        return this;
    }

    /** Moves the clock of the next fix without writing one, as when the vehicle has no signal. */
    public TrackBuilder gap(Duration duration) {
        time = time.plus(duration);
        return this;
    }

    public List<Telemetry> fixes() {
        return List.copyOf(fixes);
    }

    /** Returns the time of the last fix written, or the start when none was. */
    public Instant time() {
        return time;
    }

    /** Great-circle distance between two points, in metres. */
    public static double distanceM(
            double latitude1Deg, double longitude1Deg, double latitude2Deg, double longitude2Deg) {
        double phi1 = Math.toRadians(latitude1Deg);
        double phi2 = Math.toRadians(latitude2Deg);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(longitude2Deg - longitude1Deg);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private static double headingDeg(
            double latitude1Deg, double longitude1Deg, double latitude2Deg, double longitude2Deg) {
        double phi1 = Math.toRadians(latitude1Deg);
        double phi2 = Math.toRadians(latitude2Deg);
        double dLambda = Math.toRadians(longitude2Deg - longitude1Deg);
        double y = Math.sin(dLambda) * Math.cos(phi2);
        double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
        double degrees = (Math.toDegrees(Math.atan2(y, x)) + 360) % 360;
        return degrees >= 360 ? 0 : degrees;
    }

    private void add(double speedKmh, double headingDeg) {
        fixes.add(new Telemetry(
                vehicleId,
                seq++,
                time,
                latitudeDeg,
                longitudeDeg,
                speedKmh,
                headingDeg,
                null,
                5.0,
                null,
                ignition,
                null,
                null));
    }
}
