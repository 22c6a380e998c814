package org.fleettracker.broker.internal.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatLimiterTest {

    private final LoginThrottleTest.MutableClock clock = new LoginThrottleTest.MutableClock();
    private final RepeatLimiter limiter = new RepeatLimiter(2, Duration.ofSeconds(60), 3, clock);

    @Test
    void lines_beyond_limit_are_suppressed() {
        assertThat(limiter.record("auth 10.0.0.1").write()).isTrue();
        assertThat(limiter.record("auth 10.0.0.1").write()).isTrue();
        assertThat(limiter.record("auth 10.0.0.1").write()).isFalse();
    }

    @Test
    void next_window_returns_summary_first() {
        for (int i = 0; i < 5; i++) {
            limiter.record("auth 10.0.0.1");
        }
        clock.advance(Duration.ofSeconds(60));

        RepeatLimiter.Verdict verdict = limiter.record("auth 10.0.0.1");

        assertThat(verdict.write()).isTrue();
        assertThat(verdict.summaries())
                .containsExactly(new RepeatLimiter.Suppressed("auth 10.0.0.1", 3, Duration.ofSeconds(60)));
    }

    @Test
    void expire_returns_ended_windows_with_suppressed_lines() {
        for (int i = 0; i < 3; i++) {
            limiter.record("auth 10.0.0.1");
        }
        limiter.record("auth 10.0.0.2");
        clock.advance(Duration.ofSeconds(60));

        assertThat(limiter.expire())
                .containsExactly(new RepeatLimiter.Suppressed("auth 10.0.0.1", 1, Duration.ofSeconds(60)));
        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void keys_are_independent() {
        limiter.record("auth 10.0.0.1");
        limiter.record("auth 10.0.0.1");

        assertThat(limiter.record("auth 10.0.0.2").write()).isTrue();
    }

    @Test
    void tracked_keys_are_capped() {
        for (int i = 0; i < 10; i++) {
            limiter.record("auth 10.0.0." + i);
        }

        assertThat(limiter.trackedKeys()).isEqualTo(3);
    }
}
