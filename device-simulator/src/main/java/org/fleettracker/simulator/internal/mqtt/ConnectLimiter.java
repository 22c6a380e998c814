package org.fleettracker.simulator.internal.mqtt;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Limits how many vehicles try to connect at the same time; the others wait in order.
 *
 * <p>One Paho 1.2.5 connect takes about 300 ms of wall time, much of it in Paho's waits for its loops to start.
 * Without a limit, thousands of connects compete at once for the CPU and for the broker's authentication threads,
 * and each connect that exceeds the connect timeout starts over. Thread-safe.
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

    /** Returns the maximum number of connects that held a permit at the same time so far. */
    synchronized int maxObserved() {
        return maxObserved;
    }
}
