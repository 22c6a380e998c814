package org.fleettracker.console.internal.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpeedHistoryTest {

    private static final Instant T0 = States.T0;

    private final SpeedHistory history = new SpeedHistory(Duration.ofHours(1), Duration.ofSeconds(10), 360);

    @Test
    void keeps_samples_in_fix_time_order_per_vehicle() {
        history.add("v-1", T0, 10.0);
        history.add("v-2", T0, 99.0);
        history.add("v-1", T0.plusSeconds(10), 20.0);

        List<SpeedSample> samples = history.samples("v-1", T0);

        assertThat(samples).containsExactly(new SpeedSample(T0, 10.0), new SpeedSample(T0.plusSeconds(10), 20.0));
        assertThat(history.size("v-2")).isEqualTo(1);
    }

    @Test
    void drops_samples_closer_than_the_spacing() {
        for (int second = 0; second < 60; second++) {
            history.add("v-1", T0.plusSeconds(second), second);
        }

        assertThat(history.samples("v-1", T0))
                .extracting(SpeedSample::speedKmh)
                .containsExactly(0.0, 10.0, 20.0, 30.0, 40.0, 50.0);
    }

    @Test
    void drops_samples_older_than_the_newest() {
        history.add("v-1", T0.plusSeconds(100), 50.0);

        boolean added = history.add("v-1", T0, 10.0);

        assertThat(added).isFalse();
        assertThat(history.size("v-1")).isEqualTo(1);
    }

    @Test
    void forgets_samples_outside_the_window() {
        history.add("v-1", T0, 10.0);
        history.add("v-1", T0.plusSeconds(1800), 20.0);

        history.add("v-1", T0.plusSeconds(3601), 30.0);

        assertThat(history.samples("v-1", Instant.EPOCH))
                .extracting(SpeedSample::speedKmh)
                .containsExactly(20.0, 30.0);
    }

    @Test
    void keeps_at_most_the_maximum_samples() {
        SpeedHistory small = new SpeedHistory(Duration.ofDays(1), Duration.ZERO, 40);

        for (int second = 0; second < 100; second++) {
            small.add("v-1", T0.plusSeconds(second), second);
        }

        List<SpeedSample> samples = small.samples("v-1", Instant.EPOCH);
        assertThat(samples).hasSize(40);
        assertThat(samples.get(0).speedKmh()).isEqualTo(60.0);
        assertThat(samples.get(39).speedKmh()).isEqualTo(99.0);
    }

    @Test
    void merge_fills_older_samples_before_live_ones() {
        history.add("v-1", T0.plusSeconds(600), 40.0);
        long revisionBefore = history.revision("v-1");

        history.merge("v-1", List.of(new SpeedSample(T0, 5.0), new SpeedSample(T0.plusSeconds(300), 25.0)));

        assertThat(history.samples("v-1", Instant.EPOCH))
                .extracting(SpeedSample::speedKmh)
                .containsExactly(5.0, 25.0, 40.0);
        assertThat(history.revision("v-1")).isGreaterThan(revisionBefore);
    }

    @Test
    void samples_since_leaves_out_older_ones() {
        history.add("v-1", T0, 10.0);
        history.add("v-1", T0.plusSeconds(60), 20.0);

        assertThat(history.samples("v-1", T0.plusSeconds(30)))
                .containsExactly(new SpeedSample(T0.plusSeconds(60), 20.0));
    }

    @Test
    void unknown_vehicle_has_no_samples() {
        assertThat(history.samples("nobody", T0)).isEmpty();
        assertThat(history.revision("nobody")).isZero();
    }

    @Test
    void rejects_a_window_that_is_not_positive() {
        assertThatThrownBy(() -> new SpeedHistory(Duration.ZERO, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window must be positive");
    }
}
