package org.fleettracker.simulator.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Several child processes measured as one, such as a broker and the trackers that share its telemetry. */
record ProcessGroup(List<ChildProcess> processes) implements Measured {

    ProcessGroup {
        if (processes.isEmpty()) {
            throw new IllegalArgumentException("a process group needs at least one process");
        }
        processes = List.copyOf(processes);
    }

    @Override
    public void requireAlive() {
        processes.forEach(ChildProcess::requireAlive);
    }

    @Override
    public long cpuMicros() {
        return processes.stream().mapToLong(ChildProcess::cpuMicros).sum();
    }

    /** Sums the threads of the same name across the processes, so two trackers' ingest threads count as one row. */
    @Override
    public Map<String, Long> threadCpuMicros() {
        Map<String, Long> byName = new TreeMap<>();
        for (ChildProcess process : processes) {
            process.threadCpuMicros().forEach((name, micros) -> byName.merge(name, micros, Long::sum));
        }
        return byName;
    }
}
