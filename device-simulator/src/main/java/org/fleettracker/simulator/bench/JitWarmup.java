package org.fleettracker.simulator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tells when the measured JVMs' just-in-time compilers have settled, so that a phase's warm-up can last until then.
 * Right after a JVM starts under load, HotSpot's C1 and C2 compiler threads take a large share of the CPU. In runs on
 * two cores, the tracker's C2 thread alone still used 0.3 to 0.5 cores between 40 and 90 s after the tracker started.
 * After two minutes it used about 0.05 cores. A window measured before that counts the compiler's work as the
 * pipeline's cost.
 *
 * <p>The compilers count as settled once their threads used less than {@link #SETTLED_CORES} over the last
 * {@link #SPAN_NANOS}. Samples are taken at most once per {@link #SAMPLE_INTERVAL_NANOS}, because each reads the
 * threads' times from {@code /proc}. Used by one thread.
 */
final class JitWarmup {

    /** The compilers' CPU use below which they count as settled, in cores. */
    static final double SETTLED_CORES = 0.10;

    static final long SPAN_NANOS = 5_000_000_000L;

    static final long SAMPLE_INTERVAL_NANOS = 1_000_000_000L;

    /** Thread names of HotSpot's compilers, as Linux shortens them to 15 characters. */
    private static final String C1_THREADS = "C1 CompilerThre";

    private static final String C2_THREADS = "C2 CompilerThre";

    private record Sample(long nanos, long compilerCpuMicros) {}

    private final List<Sample> samples = new ArrayList<>();
    private double lastCores = Double.NaN;

    /**
     * Records a sample when one is due and returns whether the compilers used less than {@link #SETTLED_CORES} over
     * the last {@link #SPAN_NANOS}; between samples it returns the last sample's verdict.
     *
     * @param threadCpuMicros CPU time so far by thread name, as {@link Measured#threadCpuMicros()} returns it; read
     *     only when a sample is due
     */
    boolean settled(long nowNanos, Supplier<Map<String, Long>> threadCpuMicros) {
        Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        if (last != null && nowNanos - last.nanos() < SAMPLE_INTERVAL_NANOS) {
            return lastCores < SETTLED_CORES;
        }
        samples.add(new Sample(nowNanos, compilerCpuMicros(threadCpuMicros.get())));
        // Keeps the newest sample that is at least a span old, so that the span stays full once it was.
        while (samples.size() > 1 && nowNanos - samples.get(1).nanos() >= SPAN_NANOS) {
            samples.remove(0);
        }
        Sample first = samples.get(0);
        long spanNanos = nowNanos - first.nanos();
        if (spanNanos >= SPAN_NANOS - SAMPLE_INTERVAL_NANOS / 2) {
            long cpuMicros = samples.get(samples.size() - 1).compilerCpuMicros() - first.compilerCpuMicros();
            lastCores = cpuMicros * 1e3 / spanNanos;
        }
        return lastCores < SETTLED_CORES;
    }

    /** Returns the compilers' CPU use in cores over the span of the last check, or NaN before a full span. */
    double lastCores() {
        return lastCores;
    }

    static long compilerCpuMicros(Map<String, Long> threadCpuMicros) {
        return threadCpuMicros.getOrDefault(C1_THREADS, 0L) + threadCpuMicros.getOrDefault(C2_THREADS, 0L);
    }
}
