package org.fleettracker.tracker.internal.dispatch;

import org.jspecify.annotations.Nullable;

/** Sends commands to the broker without blocking. Implementations are thread-safe. */
public interface CommandPublisher {

    /**
     * Publishes at QoS 1, not retained, and calls {@code done} once: with true when the broker's PUBACK arrived,
     * with false when the publish failed, such as while the broker is unreachable. Returns without waiting; the
     * callback may run on the MQTT client's thread, so it must not block.
     *
     * @param messageExpirySeconds the MQTT 5 message expiry interval, or null for none
     */
    void publishCommand(String topic, byte[] payload, @Nullable Long messageExpirySeconds, PublishCallback done);

    /** Completion of one {@link #publishCommand}. */
    @FunctionalInterface
    interface PublishCallback {
        void completed(boolean acknowledged);
    }
}
