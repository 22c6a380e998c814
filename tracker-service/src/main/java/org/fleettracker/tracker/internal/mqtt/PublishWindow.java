package org.fleettracker.tracker.internal.mqtt;

import org.jspecify.annotations.Nullable;

import java.util.concurrent.Semaphore;

/**
 * Slots for publishes that await their PUBACK, resized to the receive maximum of each CONNACK.
 *
 * <p>Paho 1.2.5 throws "too many publishes in progress" (32202) for a publish beyond the broker's receive maximum,
 * so the tracker takes a slot before each publish and sizes the slots to {@code min(configured, CONNACK receive
 * maximum)}. A shrink takes effect as the publishes in flight complete.
 */
final class PublishWindow extends Semaphore {

    private static final long serialVersionUID = 1L;

    /** Receive maximum that MQTT 5 assumes when the CONNACK carries none. */
    static final int PROTOCOL_MAXIMUM = 65_535;

    private final int configured;
    private int size;

    PublishWindow(int configured) {
        super(configured);
        this.configured = configured;
        this.size = configured;
    }

    /**
     * Sizes the window for a new connection.
     *
     * @param serverReceiveMaximum the CONNACK's receive maximum, or null when it carries none
     * @return the new size
     */
    synchronized int resize(@Nullable Integer serverReceiveMaximum) {
        int limit = serverReceiveMaximum == null ? PROTOCOL_MAXIMUM : serverReceiveMaximum;
        int newSize = Math.min(configured, limit);
        if (newSize > size) {
            release(newSize - size);
        } else if (newSize < size) {
            reducePermits(size - newSize);
        }
        size = newSize;
        return newSize;
    }

    /** Returns every slot, for a client whose publishes in flight will never complete. */
    synchronized void reset() {
        drainPermits();
        release(size);
    }

    synchronized int size() {
        return size;
    }

    /** Returns how many slots are taken; above {@link #size()} for a while after the window shrank. */
    synchronized int inFlight() {
        return Math.max(0, size - availablePermits());
    }
}
