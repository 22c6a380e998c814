package org.fleettracker.protocol.testing;

import org.fleettracker.protocol.api.Telemetry;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The position invariants that every accepted fix satisfies, whatever the payload was: for property-based tests of
 * the codec and for tracker tests that check what was stored.
 */
public final class TelemetryInvariants {

    private TelemetryInvariants() {}

    /** Asserts that {@code fix} is a position the tracker may store and use for state and distance. */
    public static void assertValid(Telemetry fix) {
        assertThat(fix.fixTime()).as("fixTime of %s", fix).isNotNull();
        assertThat(fix.seq()).as("seq of %s", fix).isNotNegative();
        assertThat(finiteValues(fix)).as("numbers of %s", fix).allMatch(Double::isFinite);
        assertThat(fix.latitudeDeg()).as("latitudeDeg of %s", fix).isBetween(-90.0, 90.0);
        assertThat(fix.longitudeDeg()).as("longitudeDeg of %s", fix).isBetween(-180.0, 180.0);
        assertThat(fix.latitudeDeg() == 0 && fix.longitudeDeg() == 0)
                .as("0,0 means no fix: %s", fix)
                .isFalse();
        assertThat(fix.speedKmh()).as("speedKmh of %s", fix).isBetween(0.0, Telemetry.MAX_SPEED_KMH);
        assertThat(fix.headingDeg())
                .as("headingDeg of %s", fix)
                .isGreaterThanOrEqualTo(0.0)
                .isLessThan(360.0);
    }

    private static List<Double> finiteValues(Telemetry fix) {
        return Stream.of(
                        fix.latitudeDeg(),
                        fix.longitudeDeg(),
                        fix.speedKmh(),
                        fix.headingDeg(),
                        fix.altitudeM(),
                        fix.accuracyM(),
                        fix.odometerM(),
                        fix.batteryPct())
                .filter(Objects::nonNull)
                .toList();
    }
}
