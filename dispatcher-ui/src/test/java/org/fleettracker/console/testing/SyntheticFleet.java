package org.fleettracker.console.testing;

import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.VehicleState;

import java.time.Instant;

/**
 * States of a made-up fleet {@code demo} of any size, without a broker: vehicle {@code v-0000} onwards, spread
 * over a box around a centre, each driving a straight line of its own. Every tenth vehicle idles, every seventh is
 * stopped and every thirteenth offline; the rest move.
 */
public final class SyntheticFleet {

    /** Degrees a moving vehicle advances per step, about 30 m. */
    private static final double STEP_DEG = 0.0003;

    private final int size;
    private final double centerLatitudeDeg;
    private final double centerLongitudeDeg;
    private final double spreadDeg;
    private final Instant startTime;

    /**
     * @param spreadDeg half the side of the box the vehicles start in, in degrees
     */
    public SyntheticFleet(
            int size, double centerLatitudeDeg, double centerLongitudeDeg, double spreadDeg, Instant startTime) {
        this.size = size;
        this.centerLatitudeDeg = centerLatitudeDeg;
        this.centerLongitudeDeg = centerLongitudeDeg;
        this.spreadDeg = spreadDeg;
        this.startTime = startTime;
    }

    public int size() {
        return size;
    }

    public static String vehicleId(int index) {
        return String.format("v-%04d", index);
    }

    /** Returns the state of vehicle {@code index} at step {@code step}, one second after the step before. */
    public VehicleState state(int index, int step) {
        MotionStatus status = status(index);
        boolean moving = status == MotionStatus.MOVING;
        // A fixed, well-spread pseudo-random start per vehicle: the fractional parts of multiples of irrationals.
        double u = fraction(index * 0.6180339887);
        double v = fraction(index * 0.7548776662 + 0.5);
        double headingDeg = fraction(index * 0.4142135624) * 360.0;
        double moved = moving ? step * STEP_DEG : 0.0;
        double latitudeDeg = centerLatitudeDeg + (2 * v - 1) * spreadDeg + Math.cos(Math.toRadians(headingDeg)) * moved;
        double longitudeDeg =
                centerLongitudeDeg + (2 * u - 1) * spreadDeg * 1.5 + Math.sin(Math.toRadians(headingDeg)) * moved;
        double speedKmh = moving ? 20.0 + index % 60 : 0.0;
        Instant fixTime = startTime.plusSeconds(step);
        return new VehicleState(
                "demo",
                vehicleId(index),
                1_000L + step,
                fixTime,
                fixTime.plusMillis(150),
                latitudeDeg,
                longitudeDeg,
                speedKmh,
                moving ? headingDeg : 0.0,
                500.0,
                4.0,
                null,
                status == MotionStatus.IDLE || moving,
                null,
                status,
                status != MotionStatus.OFFLINE,
                null,
                null,
                fixTime.plusMillis(160));
    }

    private static MotionStatus status(int index) {
        if (index % 13 == 12) {
            return MotionStatus.OFFLINE;
        }
        if (index % 10 == 9) {
            return MotionStatus.IDLE;
        }
        if (index % 7 == 6) {
            return MotionStatus.STOPPED;
        }
        return MotionStatus.MOVING;
    }

    private static double fraction(double value) {
        return value - Math.floor(value);
    }
}
