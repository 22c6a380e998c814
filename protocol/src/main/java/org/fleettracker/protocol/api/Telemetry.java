package org.fleettracker.protocol.api;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * One position fix reported by a vehicle on its telemetry topic.
 *
 * <p>The constructor enforces the ranges below, so an instance is always a valid fix. It accepts latitude and
 * longitude both 0, but {@link TelemetryCodec} rejects such a payload as {@link RejectReason#NO_FIX}.
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
 * @param panic true while the driver's panic button is pressed, or null when the vehicle does not report one
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
        @Nullable Double batteryPct,
        @Nullable Boolean panic) {

    /** Fastest plausible ground speed of a road vehicle, in km/h. */
    public static final double MAX_SPEED_KMH = 500;

    /** Lowest accepted altitude, in metres above the WGS 84 ellipsoid. */
    public static final double MIN_ALTITUDE_M = -1_000;

    /** Highest accepted altitude, in metres above the WGS 84 ellipsoid. */
    public static final double MAX_ALTITUDE_M = 100_000;

    public Telemetry {
        Ids.requireValid("vehicle id", vehicleId);
        Objects.requireNonNull(fixTime, "fixTime");
        Ranges.requireNotNegative("seq", seq);
        // Adding +0.0 turns -0.0 into 0.0, so a speed or heading of negative zero is stored and sent as 0.
        speedKmh = speedKmh + 0.0;
        headingDeg = headingDeg + 0.0;
        checkPosition(latitudeDeg, longitudeDeg, speedKmh, headingDeg, altitudeM, accuracyM, odometerM, batteryPct);
    }

    /** Checks the ranges above; {@link VehicleState} applies the same rules to the fields it copies from a fix. */
    static void checkPosition(
            double latitudeDeg,
            double longitudeDeg,
            double speedKmh,
            double headingDeg,
            @Nullable Double altitudeM,
            @Nullable Double accuracyM,
            @Nullable Double odometerM,
            @Nullable Double batteryPct) {
        Ranges.requireRange("latitudeDeg", latitudeDeg, -90, 90);
        Ranges.requireRange("longitudeDeg", longitudeDeg, -180, 180);
        Ranges.requireRange("speedKmh", speedKmh, 0, MAX_SPEED_KMH);
        Ranges.requireHeading("headingDeg", headingDeg);
        if (altitudeM != null) {
            Ranges.requireRange("altitudeM", altitudeM, MIN_ALTITUDE_M, MAX_ALTITUDE_M);
        }
        if (accuracyM != null) {
            Ranges.requireNotNegative("accuracyM", accuracyM);
        }
        if (odometerM != null) {
            Ranges.requireNotNegative("odometerM", odometerM);
        }
        if (batteryPct != null) {
            Ranges.requireRange("batteryPct", batteryPct, 0, 100);
        }
    }

    /** Returns this fix with another fix time, such as one corrected for a GPS week rollover. */
    public Telemetry withFixTime(Instant newFixTime) {
        return new Telemetry(
                vehicleId,
                seq,
                newFixTime,
                latitudeDeg,
                longitudeDeg,
                speedKmh,
                headingDeg,
                altitudeM,
                accuracyM,
                odometerM,
                ignition,
                batteryPct,
                panic);
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
                vehicleId,
                seq,
                fixTime,
                latitudeDeg,
                longitudeDeg,
                speedKmh,
                headingDeg,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
