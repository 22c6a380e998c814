package org.fleettracker.simulator.internal.motion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GpsNoiseTest {

    private static final MotionFix TRUTH = new MotionFix(46.0569, 14.5058, 36, 90, 300.0, 5.0, 1_000.0);

    @ParameterizedTest
    @CsvSource({"5, 0, 1", "5, 30, 1", "12, 10, 5"})
    void rms_error_matches_setting(double rmsM, double correlationS, double intervalS) {
        var noise = new GpsNoise(rmsM, correlationS, new SplittableRandom(17));

        double sumSquaresM2 = 0;
        int samples = 200_000;
        for (int i = 0; i < samples; i++) {
            MotionFix fix = noise.apply(TRUTH, intervalS);
            double errorM =
                    Geo.distanceM(TRUTH.latitudeDeg(), TRUTH.longitudeDeg(), fix.latitudeDeg(), fix.longitudeDeg());
            sumSquaresM2 += errorM * errorM;
        }

        assertThat(Math.sqrt(sumSquaresM2 / samples)).isCloseTo(rmsM, within(rmsM * 0.05));
    }

    @Test
    void reported_accuracy_is_the_rms_setting() {
        var noise = new GpsNoise(7.5, 30, new SplittableRandom(1));

        assertThat(noise.apply(TRUTH, 1).accuracyM()).isEqualTo(7.5);
    }

    @Test
    void correlated_error_moves_little_between_fixes() {
        var noise = new GpsNoise(10, 60, new SplittableRandom(3));
        MotionFix previous = noise.apply(TRUTH, 1);

        double sumStepM = 0;
        for (int i = 0; i < 1_000; i++) {
            MotionFix fix = noise.apply(TRUTH, 1);
            sumStepM += Geo.distanceM(
                    previous.latitudeDeg(), previous.longitudeDeg(), fix.latitudeDeg(), fix.longitudeDeg());
            previous = fix;
        }

        // White noise of 10 m RMS jumps 12.5 m on average, and a 60 s correlation time cuts that to about 1.6 m.
        assertThat(sumStepM / 1_000).isLessThan(3.0);
    }

    @Test
    void speed_heading_and_altitude_stay_exact() {
        MotionFix fix = new GpsNoise(5, 0, new SplittableRandom(4)).apply(TRUTH, 1);

        assertThat(fix.speedKmh()).isEqualTo(TRUTH.speedKmh());
        assertThat(fix.headingDeg()).isEqualTo(TRUTH.headingDeg());
        assertThat(fix.altitudeM()).isEqualTo(TRUTH.altitudeM());
        assertThat(fix.odometerM()).isEqualTo(TRUTH.odometerM());
    }

    @Test
    void zero_noise_keeps_the_fix() {
        assertThat(new GpsNoise(0, 30, new SplittableRandom(5)).apply(TRUTH, 1)).isSameAs(TRUTH);
    }
}
