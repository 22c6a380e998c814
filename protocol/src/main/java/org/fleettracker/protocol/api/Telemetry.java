package org.fleettracker.protocol.api;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One position fix reported by a vehicle on its telemetry topic.
 *
 * <p>The constructor enforces the ranges below, so an instance is always a valid fix.
 *
 * @param vehicleId the reporting vehicle, equal to the vehicle id in the topic
 * @param seq per-vehicle sequence number, not negative; the tracker stores each (vehicle, seq) once
 * @param fixTime when the vehicle measured the fix, in UTC
 * @param latitudeDeg WGS 84 latitude from -90 to 90
 * @param longitudeDeg WGS 84 longitude from -180 to 180
 * @param speedKmh ground speed from 0 to {@link #MAX_SPEED_KMH}
 * @param headingDeg course over ground from 0 (north) to below 360, clockwise
 * @param altitudeM height above the WGS 84 ellipsoid, or null when unknown
 * @param accuracyM horizontal accuracy radius, not negative, or null when unknown
 * @param odometerM distance the vehicle has driven, not negative, or null when unknown
 * @param ignition whether the ignition is on, or null when unknown
 * @param batteryPct battery charge from 0 to 100, or null when unknown
 */
public record Telemetry(
        String vehicleId,
        long seq,
        Instant fixTime,
        double latitudeDeg,
        double longitudeDeg,
        double speedKmh,
        double headingDeg,
        @Nullable Double altitudeM,
        @Nullable Double accuracyM,
        @Nullable Double odometerM,
        @Nullable Boolean ignition,
        @Nullable Double batteryPct) {

    /** Fastest plausible ground speed of a road vehicle, in km/h. */
    public static final double MAX_SPEED_KMH = 500;

    public Telemetry {
        Ids.requireValid("vehicle id", vehicleId);
        if (seq < 0) {
            throw new IllegalArgumentException("seq " + seq + " is negative");
        }
        requireRange("latitudeDeg", latitudeDeg, -90, 90);
        requireRange("longitudeDeg", longitudeDeg, -180, 180);
        requireRange("speedKmh", speedKmh, 0, MAX_SPEED_KMH);
        if (!(headingDeg >= 0 && headingDeg < 360)) {
            throw new IllegalArgumentException("headingDeg " + format(headingDeg) + " is out of range [0, 360)");
        }
        if (altitudeM != null) {
            requireRange("altitudeM", altitudeM, -1_000, 100_000);
        }
        if (accuracyM != null) {
            requireNotNegative("accuracyM", accuracyM);
        }
        if (odometerM != null) {
            requireNotNegative("odometerM", odometerM);
        }
        if (batteryPct != null) {
            requireRange("batteryPct", batteryPct, 0, 100);
        }
    }

    /** Creates a fix with only the required fields. */
    public static Telemetry of(
            String vehicleId,
            long seq,
            Instant fixTime,
            double latitudeDeg,
            double longitudeDeg,
            double speedKmh,
            double headingDeg) {
        return new Telemetry(
                vehicleId, seq, fixTime, latitudeDeg, longitudeDeg, speedKmh, headingDeg, null, null, null, null, null);
    }

    private static void requireRange(String field, double value, double min, double max) {
        // The negated test also rejects NaN.
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    field + " " + format(value) + " is out of range [" + format(min) + ", " + format(max) + "]");
        }
    }

    private static void requireNotNegative(String field, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(field + " is not a number");
        }
        if (value < 0) {
            throw new IllegalArgumentException(field + " " + format(value) + " is negative");
        }
    }

    /** Formats a whole number without a fraction ({@code -1}, not {@code -1.0}) and any other value as Java does. */
    private static String format(double value) {
        boolean whole = value == Math.rint(value) && Math.abs(value) < 1e15;
        return whole ? Long.toString((long) value) : Double.toString(value);
    }
}
