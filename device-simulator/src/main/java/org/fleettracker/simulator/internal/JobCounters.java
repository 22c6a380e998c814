package org.fleettracker.simulator.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Dispatch-job counters of a run, shared by its vehicles; thread-safe. */
public final class JobCounters {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong stopsReached = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();

    /** Returns the jobs vehicles accepted, replacements included. */
    public long accepted() {
        return accepted.get();
    }

    /** Returns the jobs vehicles rejected. */
    public long rejected() {
        return rejected.get();
    }

    /** Returns the job stops vehicles stopped at. */
    public long stopsReached() {
        return stopsReached.get();
    }

    /** Returns the jobs whose last stop vehicles left. */
    public long completed() {
        return completed.get();
    }

    void jobAccepted() {
        accepted.incrementAndGet();
    }

    void jobRejected() {
        rejected.incrementAndGet();
    }

    void stopReached() {
        stopsReached.incrementAndGet();
    }

    void jobCompleted() {
        completed.incrementAndGet();
    }
}
