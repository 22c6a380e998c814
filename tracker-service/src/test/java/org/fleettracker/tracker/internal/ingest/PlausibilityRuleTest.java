package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlausibilityRuleTest {

    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private static final PlausibilityRule RULE = new PlausibilityRule(IngestSettings.defaults());

    /**
     * Previous fix at 52.5 N 13.4 E at T0 with accuracy 5 m; the next fix moves north by {@code northM} metres after
     * {@code seconds}, with accuracy {@code accuracyM} (empty: unknown).
     */
    @ParameterizedTest(name = "{0} m north in {1} s, accuracy {2} -> {3}")
    @CsvSource({
        "100, 10, 5, none",
        "800, 10, 5, none",
        "900, 10, 5, outlier",
        "10000, 60, 5, outlier",
        "10000, 200, 5, none",
        "50, 0, 5, none",
        "90, 0, 5, none",
        "200, 0, 5, outlier",
        "1000, 10, 200, none",
        "4000000, 10, 10000000, outlier",
        "3000, 10, 2000, outlier",
        "0, 10, 5, none",
        "0, 10, 99.9, none",
        "0, 10, 100, low_confidence",
        "0, 10, 250, low_confidence",
        "0, 10, , low_confidence",
        "0, 0, , low_confidence",
    })
    void flag_per_movement(double northM, long seconds, @Nullable Double accuracyM, String expected) {
        Telemetry previous = fix(T0, 52.5, 5.0);
        Telemetry next = fix(T0.plusSeconds(seconds), 52.5 + northM / 111_195.0, accuracyM);

        var flag = RULE.check(next, previous);

        assertThat(flag.map(PositionFlag::code).orElse("none")).isEqualTo(expected);
    }

    @Test
    void first_fix_of_a_vehicle_has_no_flag() {
        assertThat(RULE.check(fix(T0, 52.5, null), null)).isEmpty();
    }

    @Test
    void implied_speed_subtracts_accuracies() {
        Telemetry a = fix(T0, 52.5, 10.0);
        Telemetry b = fix(T0.plusMillis(200), 52.5 + 1_000 / 111_195.0, 40.0);

        assertThat(PlausibilityRule.impliedSpeedKmh(a, b, 1_000)).isCloseTo((1_000 - 50) * 3.6, within(1.0));
    }

    @Test
    void one_degree_latitude_is_111_km() {
        assertThat(PlausibilityRule.distanceM(52.0, 13.4, 53.0, 13.4)).isCloseTo(111_195, within(5.0));
    }

    @Test
    void limit_follows_the_settings() {
        var slow = new PlausibilityRule(IngestSettings.defaults().withMaxImpliedSpeedKmh(50));

        assertThat(slow.check(fix(T0.plusSeconds(10), 52.5 + 200 / 111_195.0, 5.0), fix(T0, 52.5, 5.0)))
                .contains(PositionFlag.OUTLIER);
    }

    private static Telemetry fix(Instant time, double latitudeDeg, @Nullable Double accuracyM) {
        return new Telemetry("v1", 1, time, latitudeDeg, 13.4, 36.0, 0.0, null, accuracyM, null, null, null, null);
    }
}
