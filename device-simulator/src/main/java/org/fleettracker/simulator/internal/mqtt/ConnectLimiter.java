package org.fleettracker.simulator.internal.mqtt;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Limits how many vehicles try to connect at the same time; the others wait in order.
 *
 * <p>One Paho connect holds about 300 ms of wall time, mostly in Paho's start-up waits, and the broker checks a
 * password with PBKDF2 until it has seen that password pass once. Starting thousands of connects at once therefore
 * queues thousands of PBKDF2 checks on the broker, which can then time out. Thread-safe.
 */
final class ConnectLimiter {

    private final int maxInFlight;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;
    private int maxObserved;

    ConnectLimiter(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max connects in flight must be at least 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    /**
     * Runs {@code whenGranted} on this thread when a permit is free, or later on the thread that calls {@link
     * #release()}. The holder must call {@link #release()} exactly once, whether its connect succeeds or not.
     */
    void acquire(Runnable whenGranted) {
        synchronized (this) {
            if (inFlight >= maxInFlight) {
                waiting.add(whenGranted);
                return;
            }
            inFlight++;
            maxObserved = Math.max(maxObserved, inFlight);
        }
        whenGranted.run();
    }

    /** Returns a permit, handing it to the next waiting connect if there is one. */
    void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        next.run();
    }

    /** Returns the most connects that held a permit at the same time so far. */
    synchronized int maxObserved() {
        return maxObserved;
    }
}
