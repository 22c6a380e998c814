package org.fleettracker.simulator.internal.motion;

import java.util.SplittableRandom;

/**
 * Position error of a GPS receiver: a horizontal offset whose east and north parts are independent first-order
 * Gauss-Markov processes, so the errors of consecutive fixes drift together instead of jumping independently.
 *
 * <p>The offset's root mean square horizontal length is {@code rmsM}, and each noisy fix reports {@code rmsM} as
 * its accuracy. Only the position changes: speed, heading and altitude stay exact. Not thread-safe: one caller per
 * vehicle.
 */
public final class GpsNoise {

    private final double rmsM;
    private final double correlationS;
    private final SplittableRandom random;
    private final double sigmaM;
    private double eastM;
    private double northM;

    /**
     * Creates the noise of one receiver, starting at a random offset.
     *
     * @param rmsM root mean square horizontal error, 0 for none
     * @param correlationS time after which the error has forgotten about 63 % of its value; 0 draws every fix anew
     */
    public GpsNoise(double rmsM, double correlationS, SplittableRandom random) {
        if (!(rmsM >= 0 && correlationS >= 0)) {
            throw new IllegalArgumentException(
                    "GPS noise needs rmsM >= 0 and correlationS >= 0, got " + rmsM + " and " + correlationS);
        }
        this.rmsM = rmsM;
        this.correlationS = correlationS;
        this.random = random;
        // Two independent axes of standard deviation sigma give a horizontal RMS of sigma times the root of 2.
        this.sigmaM = rmsM / Math.sqrt(2);
        this.eastM = random.nextGaussian() * sigmaM;
        this.northM = random.nextGaussian() * sigmaM;
    }

    /** Advances the error by {@code elapsedS} seconds and returns {@code fix} moved by it. */
    public MotionFix apply(MotionFix fix, double elapsedS) {
        if (rmsM == 0) {
            return fix;
        }
        double keep = correlationS == 0 ? 0 : Math.exp(-elapsedS / correlationS);
        double fresh = Math.sqrt(1 - keep * keep) * sigmaM;
        eastM = keep * eastM + fresh * random.nextGaussian();
        northM = keep * northM + fresh * random.nextGaussian();
        var projection = new Geo.LocalProjection(fix.latitudeDeg(), fix.longitudeDeg());
        return new MotionFix(
                projection.latitudeDeg(northM),
                projection.longitudeDeg(eastM),
                fix.speedKmh(),
                fix.headingDeg(),
                fix.altitudeM(),
                rmsM,
                fix.odometerM());
    }
}
