package org.fleettracker.tracker.internal.mqtt;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryWatchdogTest {

    private final AtomicLong brokerIncoming = new AtomicLong();
    private final AtomicLong trackerPublishes = new AtomicLong();
    private final AtomicLong trackerReceived = new AtomicLong();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicBoolean commitsFailing = new AtomicBoolean();
    private final DeliveryWatchdog watchdog = new DeliveryWatchdog(
            brokerIncoming::get,
            trackerPublishes::get,
            trackerReceived::get,
            commitsFailing::get,
            reconnects::incrementAndGet,
            2);

    @Test
    void stall_reconnects_after_two_quiet_checks() {
        brokerIncoming.addAndGet(100);
        watchdog.check();
        brokerIncoming.addAndGet(100);

        watchdog.check();

        assertThat(reconnects.get()).isEqualTo(1);
        assertThat(watchdog.reconnects()).isEqualTo(1);
    }

    @Test
    void flowing_delivery_never_reconnects() {
        for (int i = 0; i < 5; i++) {
            brokerIncoming.addAndGet(100);
            trackerReceived.addAndGet(100);

            watchdog.check();
        }

        assertThat(reconnects.get()).isZero();
    }

    @Test
    void idle_fleet_never_reconnects() {
        for (int i = 0; i < 5; i++) {
            watchdog.check();
        }

        assertThat(reconnects.get()).isZero();
    }

    @Test
    void own_publishes_are_not_counted() {
        for (int i = 0; i < 5; i++) {
            brokerIncoming.addAndGet(10);
            trackerPublishes.addAndGet(10);

            watchdog.check();
        }

        assertThat(reconnects.get()).isZero();
    }

    @Test
    void delivery_between_quiet_checks_resets() {
        brokerIncoming.addAndGet(100);
        watchdog.check();
        brokerIncoming.addAndGet(100);
        trackerReceived.addAndGet(150);
        watchdog.check();
        brokerIncoming.addAndGet(100);

        watchdog.check();

        assertThat(reconnects.get()).isZero();
    }

    @Test
    void failing_commits_never_reconnect() {
        commitsFailing.set(true);
        for (int i = 0; i < 5; i++) {
            brokerIncoming.addAndGet(100);

            watchdog.check();
        }

        assertThat(reconnects.get()).isZero();
    }

    @Test
    void stall_after_commits_recover_reconnects() {
        commitsFailing.set(true);
        brokerIncoming.addAndGet(100);
        watchdog.check();
        commitsFailing.set(false);
        brokerIncoming.addAndGet(100);
        watchdog.check();
        brokerIncoming.addAndGet(100);

        watchdog.check();

        assertThat(reconnects.get()).isEqualTo(1);
    }

    @Test
    void failing_reconnect_is_logged_not_thrown() {
        DeliveryWatchdog failing = new DeliveryWatchdog(
                brokerIncoming::get,
                trackerPublishes::get,
                trackerReceived::get,
                () -> false,
                () -> {
                    throw new IllegalStateException("broker down");
                },
                1);
        brokerIncoming.addAndGet(1);

        failing.check();

        assertThat(failing.reconnects()).isEqualTo(1);
    }
}
