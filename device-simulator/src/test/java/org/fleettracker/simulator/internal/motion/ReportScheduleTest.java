package org.fleettracker.simulator.internal.motion;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReportScheduleTest {

    private static final ReportSchedule SCHEDULE =
            new ReportSchedule(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.25);

    @Test
    void moving_waits_stay_within_jitter() {
        SplittableRandom random = new SplittableRandom(1);

        for (int i = 0; i < 10_000; i++) {
            assertThat(SCHEDULE.next(true, random)).isBetween(Duration.ofMillis(1_500), Duration.ofMillis(2_500));
        }
    }

    @Test
    void stopped_waits_average_the_stopped_interval() {
        SplittableRandom random = new SplittableRandom(2);

        double sumS = 0;
        for (int i = 0; i < 10_000; i++) {
            Duration wait = SCHEDULE.next(false, random);
            assertThat(wait).isBetween(Duration.ofMillis(22_500), Duration.ofMillis(37_500));
            sumS += wait.toMillis() / 1_000.0;
        }

        assertThat(sumS / 10_000).isCloseTo(30, within(0.2));
    }

    @Test
    void zero_jitter_gives_exact_intervals() {
        var schedule = new ReportSchedule(Duration.ofSeconds(1), Duration.ofSeconds(10), 0);

        assertThat(schedule.next(true, new SplittableRandom(3))).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.next(false, new SplittableRandom(3))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void stopped_interval_below_moving_is_rejected() {
        assertThatThrownBy(() -> new ReportSchedule(Duration.ofSeconds(5), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT5S");
    }
}
