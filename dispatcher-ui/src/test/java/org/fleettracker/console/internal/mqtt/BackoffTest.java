package org.fleettracker.console.internal.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTest {

    @Test
    void ceiling_doubles_up_to_maximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), () -> 0.999_999);

        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(499));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(999));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(1999));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(3999));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(3999));
    }

    @Test
    void jitter_never_goes_below_half_the_ceiling() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), () -> 0.0);

        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void random_jitter_stays_within_half_and_full_ceiling() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1));

        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.nextDelay()).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        }
    }

    @Test
    void reset_starts_again_from_minimum() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
        for (int i = 0; i < 10; i++) {
            backoff.nextDelay();
        }

        backoff.reset();

        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void maximum_below_minimum_is_rejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
