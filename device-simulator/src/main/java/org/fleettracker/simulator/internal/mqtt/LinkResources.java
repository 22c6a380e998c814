package org.fleettracker.simulator.internal.mqtt;

import org.fleettracker.simulator.internal.buffer.FixJournal;
import org.fleettracker.simulator.internal.buffer.VehicleJournal;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads, the connect limit and the buffer on disk that all vehicle links of a run share: one small scheduler
 * for the links' own tasks, fix timing and Paho's keep-alive pings, and one growing pool for Paho's network loops.
 * Thread-safe.
 */
public final class LinkResources implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final ClientExecutor clientExecutor;
    private final ConnectLimiter connects;
    private final @Nullable FixJournal journal;
    private final LinkMeters meters;

    /** Creates the threads; {@code maxConnectsInFlight} caps the connect attempts in progress at one time. */
    public LinkResources(int maxConnectsInFlight) {
        this(maxConnectsInFlight, null);
    }

    /**
     * Creates the threads of links that keep their unacknowledged fixes in {@code journal}, which {@link #close()}
     * closes; null keeps them in memory only.
     */
    public LinkResources(int maxConnectsInFlight, @Nullable FixJournal journal) {
        this(maxConnectsInFlight, journal, LinkMeters.NONE);
    }

    /** Creates the threads of links as above that report their events to {@code meters}. */
    public LinkResources(int maxConnectsInFlight, @Nullable FixJournal journal, LinkMeters meters) {
        this.connects = new ConnectLimiter(maxConnectsInFlight);
        this.scheduler = newScheduler();
        this.clientExecutor = new ClientExecutor(scheduler);
        this.journal = journal;
        this.meters = meters;
    }

    LinkMeters meters() {
        return meters;
    }

    /** Returns the buffer on disk, or null when the run keeps fixes in memory only. */
    public @Nullable FixJournal journal() {
        return journal;
    }

    VehicleJournal journalOf(String fleetId, String vehicleId) {
        return journal == null ? VehicleJournal.NONE : journal.forVehicle(fleetId, vehicleId);
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

    /** Lets the Paho pool's threads end as soon as they are idle, so that closing links give their memory back. */
    public void beginClosing() {
        clientExecutor.endIdleThreads();
    }

    /** Returns the number of threads in the Paho pool now, about three per connected vehicle. */
    public int clientThreads() {
        return clientExecutor.poolSize();
    }

    /** Returns the maximum number of connect attempts that were in progress at the same time so far. */
    public int maxConnectsObserved() {
        return connects.maxObserved();
    }

    /**
     * Stops both thread pools at once, then writes and closes the buffer; tasks still queued are dropped.
     *
     * <p>NOTE: a PUBACK whose task was dropped here is not recorded in the buffer, so the next run sends that fix
     * again. The tracker stores a repeated seq once.
     */
    @Override
    public void close() {
        clientExecutor.shutdownNow();
        scheduler.shutdownNow();
        if (journal != null) {
            journal.close();
        }
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
