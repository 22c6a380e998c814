package org.fleettracker.simulator.internal.mqtt;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that every vehicle's Paho client shares, so that no client starts threads of its own.
 *
 * <p>Paho 1.2.5 runs its receiver, sender and callback loops as tasks of this executor, and each loop keeps its
 * thread for as long as the client is connected. The pool therefore grows without bound, about three threads per
 * connected vehicle, and an idle thread ends after {@link #IDLE_THREAD_KEEP_ALIVE_S}. Delayed tasks, such as Paho's
 * keep-alive pings, go to the simulator's scheduler. Shutting this executor down leaves that scheduler running.
 * Thread-safe.
 */
final class ClientExecutor extends AbstractExecutorService implements ScheduledExecutorService {

    /** Seconds an unused pool thread waits for a new task before it ends. */
    private static final long IDLE_THREAD_KEEP_ALIVE_S = 30;

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService scheduler;

    ClientExecutor(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, IDLE_THREAD_KEEP_ALIVE_S, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "simulator-paho-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Lets each pool thread end as soon as it has no task. Called when the links start closing: the close path grows
     * the resident stack of the threads it runs on, and an idle thread kept for reuse would keep that memory.
     */
    void endIdleThreads() {
        pool.setKeepAliveTime(1, TimeUnit.MILLISECONDS);
    }

    /** Returns the number of pool threads alive now, busy or idle. */
    int poolSize() {
        return pool.getPoolSize();
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return scheduler.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return scheduler.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return scheduler.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduler.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
