package org.fleettracker.tracker.internal.mqtt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublishWindowTest {

    @Test
    void smaller_receive_maximum_shrinks_window() {
        PublishWindow window = new PublishWindow(1_000);

        assertThat(window.resize(10)).isEqualTo(10);
        assertThat(window.availablePermits()).isEqualTo(10);
    }

    @Test
    void missing_receive_maximum_keeps_configured_size() {
        PublishWindow window = new PublishWindow(1_000);

        assertThat(window.resize(null)).isEqualTo(1_000);
        assertThat(window.availablePermits()).isEqualTo(1_000);
    }

    @Test
    void window_grows_back_to_configured_size() {
        PublishWindow window = new PublishWindow(100);
        window.resize(10);

        assertThat(window.resize(5_000)).isEqualTo(100);
        assertThat(window.availablePermits()).isEqualTo(100);
    }

    @Test
    void shrink_with_publishes_in_flight_waits_for_their_completion() {
        PublishWindow window = new PublishWindow(20);
        assertThat(window.tryAcquire(15)).isTrue();

        window.resize(10);

        assertThat(window.availablePermits()).isEqualTo(-5);
        window.release(15);
        assertThat(window.availablePermits()).isEqualTo(10);
    }

    @Test
    void reset_returns_every_slot() {
        PublishWindow window = new PublishWindow(50);
        window.resize(30);
        assertThat(window.tryAcquire(30)).isTrue();

        window.reset();

        assertThat(window.availablePermits()).isEqualTo(30);
    }
}
