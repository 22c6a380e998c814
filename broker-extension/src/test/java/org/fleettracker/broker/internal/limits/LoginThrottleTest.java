package org.fleettracker.broker.internal.limits;

import org.fleettracker.broker.api.SecuritySettings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private static final String ADDRESS = "192.0.2.7";

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(
            SecuritySettings.builder()
                    .maxFailedLoginsPerClientId(3)
                    .maxFailedLoginsPerAddress(5)
                    .lockout(Duration.ofSeconds(30), Duration.ofSeconds(100))
                    .maxTrackedLoginKeys(4)
                    .build(),
            clock);

    @Test
    void address_failures_without_client_id_lock_the_address_for_every_client_id() {
        for (int i = 0; i < 5; i++) {
            throttle.recordAddressFailure(ADDRESS);
        }

        assertThat(throttle.activeAddressLockout(ADDRESS)).isPresent();
        assertThat(throttle.activeLockout("any-client", ADDRESS))
                .get()
                .extracting(LoginThrottle.Lockout::kind)
                .isEqualTo(LoginThrottle.KeyKind.ADDRESS);
    }

    @Test
    void address_failures_without_client_id_share_the_count_of_mqtt_failures() {
        fail("bus-1", 2);
        fail("bus-2", 2);

        assertThat(throttle.recordAddressFailure(ADDRESS)).isPresent();
    }

    @Test
    void failures_below_limit_do_not_lock() {
        fail("bus-1", 2);

        assertThat(throttle.activeLockout("bus-1", ADDRESS)).isEmpty();
    }

    @Test
    void failure_at_limit_locks_for_initial_length() {
        fail("bus-1", 3);

        assertThat(throttle.activeLockout("bus-1", ADDRESS))
                .get()
                .extracting(LoginThrottle.Lockout::length)
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void failures_outside_window_are_forgotten() {
        fail("bus-1", 2);
        clock.advance(Duration.ofSeconds(61));
        fail("bus-1", 1);

        assertThat(throttle.activeLockout("bus-1", ADDRESS)).isEmpty();
    }

    @Test
    void lockout_ends_after_its_length() {
        fail("bus-1", 3);
        clock.advance(Duration.ofSeconds(30));

        assertThat(throttle.activeLockout("bus-1", ADDRESS)).isEmpty();
    }

    @Test
    void lockout_doubles_up_to_maximum() {
        assertThat(lockoutAfterFailing("bus-1")).isEqualTo(Duration.ofSeconds(30));
        assertThat(lockoutAfterFailing("bus-1")).isEqualTo(Duration.ofSeconds(60));
        assertThat(lockoutAfterFailing("bus-1")).isEqualTo(Duration.ofSeconds(100));
        assertThat(lockoutAfterFailing("bus-1")).isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void success_clears_client_id() {
        fail("bus-1", 2);
        throttle.recordSuccess("bus-1");
        fail("bus-1", 2);

        assertThat(throttle.activeLockout("bus-1", ADDRESS)).isEmpty();
    }

    @Test
    void address_locks_every_client_id() {
        for (int i = 0; i < 5; i++) {
            fail("rotating-" + i, 1);
        }

        assertThat(throttle.activeLockout("fresh", ADDRESS))
                .get()
                .extracting(LoginThrottle.Lockout::kind)
                .isEqualTo(LoginThrottle.KeyKind.ADDRESS);
    }

    @Test
    void lockout_is_reported_once() {
        assertThat(throttle.recordFailure("bus-1", null)).isEmpty();
        assertThat(throttle.recordFailure("bus-1", null)).isEmpty();
        assertThat(throttle.recordFailure("bus-1", null)).hasSize(1);
    }

    @Test
    void tracked_keys_are_capped() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("client-" + i, "198.51.100." + i);
        }

        assertThat(throttle.trackedKeys()).isEqualTo(4);
    }

    private Duration lockoutAfterFailing(String clientId) {
        fail(clientId, 3);
        Duration length = throttle.activeLockout(clientId, null).orElseThrow().length();
        clock.advance(length);
        return length;
    }

    private void fail(String clientId, int count) {
        for (int i = 0; i < count; i++) {
            throttle.recordFailure(clientId, ADDRESS);
        }
    }

    /** A clock that moves only when a test calls {@link #advance}. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
