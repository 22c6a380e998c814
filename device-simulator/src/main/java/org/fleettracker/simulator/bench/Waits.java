package org.fleettracker.simulator.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling waits of the benchmark's orchestration thread, which has nothing else to do meanwhile. */
final class Waits {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private Waits() {}

    /**
     * Returns once {@code condition} holds.
     *
     * @throws IllegalStateException with {@code failure}'s message when it does not hold within {@code timeout}
     */
    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        if (!within(condition, timeout)) {
            throw new IllegalStateException(failure.get());
        }
    }

    /** Returns whether {@code condition} came to hold within {@code timeout}. */
    static boolean within(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            pause(POLL_NANOS);
        }
        return true;
    }

    /** Parks the calling thread for about {@code nanos}; an interrupt ends the pause early and stays set. */
    static void pause(long nanos) {
        LockSupport.parkNanos(nanos);
    }
}
