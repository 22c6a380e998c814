package org.fleettracker.protocol.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The JVM and process meters that every long-running part exports next to its own: heap and non-heap memory
 * ({@code jvm_memory_used_bytes}), garbage collection pauses ({@code jvm_gc_pause_seconds}), threads, loaded classes,
 * CPU use ({@code process_cpu_usage}, {@code system_cpu_usage}), open file descriptors
 * ({@code process_files_open_files}) and uptime ({@code process_uptime_seconds}).
 *
 * <p>{@link #close()} stops listening for garbage collections. {@link #latencyTimer} registers the latency timers of
 * every part, so that all of them publish the same percentiles and bounded histogram buckets.
 */
public final class ProcessMeters implements AutoCloseable {

    /** Percentiles that every latency timer publishes as its {@code quantile} series. */
    private static final double[] PERCENTILES = {0.95, 0.99};

    private final JvmGcMetrics gc;

    private ProcessMeters(JvmGcMetrics gc) {
        this.gc = gc;
    }

    /** Registers the JVM and process meters in {@code registry}. */
    public static ProcessMeters bindTo(MeterRegistry registry) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return new ProcessMeters(gc);
    }

    /**
     * Registers a latency timer that exports Prometheus histogram buckets between {@code minimum} and {@code maximum}
     * (a longer sample still counts, in the {@code +Inf} bucket), and its 95th and 99th percentiles, computed in the
     * process over the last two minutes, as the gauge {@code <name>_percentile_seconds{quantile="0.95"}}. Micrometer's
     * Prometheus registry drops a timer's own percentiles once it has buckets, so the gauge carries them.
     *
     * @param tags tags of both the timer and the gauge, with few values each
     */
    public static Timer latencyTimer(
            MeterRegistry registry, String name, String description, Duration minimum, Duration maximum, Tags tags) {
        if (minimum.isNegative() || minimum.isZero() || maximum.compareTo(minimum) <= 0) {
            throw new IllegalArgumentException(
                    "latency timer " + name + " needs 0 < minimum < maximum, got " + minimum + " and " + maximum);
        }
        Timer timer = Timer.builder(name)
                .description(description)
                .tags(tags)
                .publishPercentiles(PERCENTILES)
                .publishPercentileHistogram()
                .minimumExpectedValue(minimum)
                .maximumExpectedValue(maximum)
                .register(registry);
        for (double percentile : PERCENTILES) {
            Gauge.builder(name + ".percentile", timer, measured -> percentileSeconds(measured, percentile))
                    .description(description + "; percentile over the last two minutes")
                    .tags(tags)
                    .tag("quantile", Double.toString(percentile))
                    .baseUnit("seconds")
                    .register(registry);
        }
        return timer;
    }

    private static double percentileSeconds(Timer timer, double percentile) {
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(TimeUnit.SECONDS);
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        gc.close();
    }
}
