package org.fleettracker.broker.internal.limits;

import org.fleettracker.broker.api.PublishRateLimit;
import org.fleettracker.broker.api.SecuritySettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class PublishLimiterTest {

    private final AtomicLong nowNanos = new AtomicLong(1_000);
    private final SecuritySettings settings = SecuritySettings.builder()
            .maxPayloadBytes(100)
            .limitViolations(3, Duration.ofSeconds(10))
            .build();

    @Test
    void burst_passes_then_rate_limits() {
        PublishLimiter limiter = limiter(new PublishRateLimit(1, 2));

        assertThat(limiter.check(10)).isEqualTo(PublishLimiter.Outcome.DELIVER);
        assertThat(limiter.check(10)).isEqualTo(PublishLimiter.Outcome.DELIVER);
        assertThat(limiter.check(10)).isEqualTo(PublishLimiter.Outcome.RATE_LIMITED);
    }

    @Test
    void bucket_refills_at_rate() {
        PublishLimiter limiter = limiter(new PublishRateLimit(2, 1));
        limiter.check(10);
        nowNanos.addAndGet(Duration.ofMillis(500).toNanos());

        assertThat(limiter.check(10)).isEqualTo(PublishLimiter.Outcome.DELIVER);
    }

    @Test
    void oversize_payload_is_stopped_even_when_unlimited() {
        PublishLimiter limiter = limiter(PublishRateLimit.UNLIMITED);

        assertThat(limiter.check(101)).isEqualTo(PublishLimiter.Outcome.OVERSIZE);
        assertThat(limiter.check(100)).isEqualTo(PublishLimiter.Outcome.DELIVER);
    }

    @Test
    void violation_beyond_maximum_disconnects_once() {
        PublishLimiter limiter = limiter(PublishRateLimit.UNLIMITED);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.check(500)).isEqualTo(PublishLimiter.Outcome.OVERSIZE);
        }

        assertThat(limiter.check(500)).isEqualTo(PublishLimiter.Outcome.OVERSIZE_DISCONNECT);
        assertThat(limiter.check(500)).isEqualTo(PublishLimiter.Outcome.OVERSIZE);
    }

    @Test
    void violations_in_new_window_start_over() {
        PublishLimiter limiter = limiter(PublishRateLimit.UNLIMITED);
        for (int i = 0; i < 3; i++) {
            limiter.check(500);
        }
        nowNanos.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(limiter.check(500)).isEqualTo(PublishLimiter.Outcome.OVERSIZE);
    }

    private PublishLimiter limiter(PublishRateLimit rate) {
        return new PublishLimiter("bus-1", rate, settings, (id, code, reason) -> {}, nowNanos::get);
    }
}
