package org.fleettracker.simulator.internal.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared pool. A vehicle link confines its state to one such
 * executor, so Paho's callback threads never take a lock that a publishing thread holds. Thread-safe.
 */
final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
    private static final int MAX_TASKS_PER_TURN = 64;

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        scheduleTurn();
    }

    private void scheduleTurn() {
        if (!tasks.isEmpty() && queued.compareAndSet(false, true)) {
            try {
                pool.execute(this::runTurn);
            } catch (RejectedExecutionException e) {
                queued.set(false);
                log.debug("Dropped {} tasks because the simulator's pool has shut down", tasks.size());
                tasks.clear();
            }
        }
    }

    private void runTurn() {
        try {
            for (int i = 0; i < MAX_TASKS_PER_TURN; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                runSafely(task);
            }
        } finally {
            queued.set(false);
            scheduleTurn();
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("A vehicle link task failed: {}", e.toString(), e);
        }
    }
}
