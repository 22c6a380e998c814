package org.fleettracker.simulator.internal.mqtt;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads and the connect limit that all vehicle links of a run share: one small scheduler for the links' own
 * tasks, fix timing and Paho's keep-alive pings, and one growing pool for Paho's network loops. Thread-safe.
 */
public final class LinkResources implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final ClientExecutor clientExecutor;
    private final ConnectLimiter connects;

    /** Creates the threads; {@code maxConnectsInFlight} caps the connect attempts in progress at one time. */
    public LinkResources(int maxConnectsInFlight) {
        this.connects = new ConnectLimiter(maxConnectsInFlight);
        this.scheduler = newScheduler();
        this.clientExecutor = new ClientExecutor(scheduler);
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ClientExecutor clientExecutor() {
        return clientExecutor;
    }

    ConnectLimiter connects() {
        return connects;
    }

    /** Returns the number of threads in the Paho pool now, about three per connected vehicle. */
    public int clientThreads() {
        return clientExecutor.poolSize();
    }

    /** Returns the maximum number of connect attempts that were in progress at the same time so far. */
    public int maxConnectsObserved() {
        return connects.maxObserved();
    }

    /** Stops both thread pools at once; tasks still queued are dropped. */
    @Override
    public void close() {
        clientExecutor.shutdownNow();
        scheduler.shutdownNow();
    }

    private static ScheduledExecutorService newScheduler() {
        int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "simulator-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, factory);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
