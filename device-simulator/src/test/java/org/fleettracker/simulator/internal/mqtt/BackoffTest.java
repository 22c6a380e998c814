package org.fleettracker.simulator.internal.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void delays_double_until_the_cap_without_jitter() {
        Backoff backoff = new Backoff(INITIAL, MAX, 0, new SplittableRandom(1));

        List<Long> delaysMs = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            delaysMs.add(backoff.nextDelay().toMillis());
        }

        assertThat(delaysMs).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    }

    @Test
    void jitter_stays_within_bounds() {
        Backoff backoff = new Backoff(INITIAL, MAX, 0.2, new SplittableRandom(42));

        long baseMs = INITIAL.toMillis();
        for (int i = 0; i < 20; i++) {
            long delayMs = backoff.nextDelay().toMillis();
            assertThat(delayMs).as("attempt %d", i).isBetween((long) (baseMs * 0.8), Math.min(MAX.toMillis(), (long)
                    Math.ceil(baseMs * 1.2)));
            baseMs = Math.min(MAX.toMillis(), baseMs * 2);
        }
    }

    @Test
    void jitter_spreads_delays_of_the_same_attempt() {
        SplittableRandom random = new SplittableRandom(7);
        List<Long> firstDelaysMs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            firstDelaysMs.add(new Backoff(INITIAL, MAX, 0.2, random).nextDelay().toMillis());
        }

        assertThat(firstDelaysMs).doesNotHaveDuplicates();
    }

    @Test
    void reset_starts_again_from_the_initial_delay() {
        Backoff backoff = new Backoff(INITIAL, MAX, 0, new SplittableRandom(1));
        backoff.nextDelay();
        backoff.nextDelay();

        backoff.reset();

        assertThat(backoff.nextDelay()).isEqualTo(INITIAL);
    }

    @Test
    void max_below_initial_is_rejected() {
        assertThatThrownBy(() -> new Backoff(MAX, INITIAL, 0, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
