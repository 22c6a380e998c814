package org.fleettracker.simulator.bench;

import java.util.Map;

/** One or more running child processes whose CPU time a benchmark phase measures. */
interface Measured {

    /**
     * Returns when every process still runs.
     *
     * @throws ChildExitedException when one of them exited
     */
    void requireAlive();

    /** Returns the user plus system CPU time of every thread so far, in microseconds. */
    long cpuMicros();

    /** Returns the CPU time so far in microseconds by thread name, as {@link ChildProcess#threadCpuMicros()}. */
    Map<String, Long> threadCpuMicros();
}
