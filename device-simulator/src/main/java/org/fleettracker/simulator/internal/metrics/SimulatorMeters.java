package org.fleettracker.simulator.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.fleettracker.protocol.api.ProcessMeters;
import org.fleettracker.simulator.internal.mqtt.LinkMeters;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The simulator's meters: the events its vehicle links report through {@link LinkMeters}, and gauges and counters
 * that {@link RunMeters} reads from the run. Prometheus names: {@code simulator_connects_total}, {@code
 * simulator_reconnects_total}, {@code simulator_disconnects_total}, {@code simulator_connect_failures_total} and
 * {@code simulator_publish_latency_seconds} (publish to PUBACK, with p95 and p99 in {@code
 * simulator_publish_latency_percentile_seconds}); the rest in {@link RunMeters}.
 *
 * <p>No meter is tagged by vehicle. Thread-safe.
 */
public final class SimulatorMeters implements LinkMeters, AutoCloseable {

    private static final Duration MIN_LATENCY = Duration.ofMillis(1);
    private static final Duration MAX_LATENCY = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** The sources of the function counters, which Micrometer references only weakly. */
    private final List<LongSupplier> sources = new CopyOnWriteArrayList<>();

    private final ProcessMeters process = ProcessMeters.bindTo(registry);
    private final Counter connects = counter("simulator.connects", "Connections that came up, first ones included");
    private final Counter reconnects =
            counter("simulator.reconnects", "Connections that came up again after a loss, counted per connection");
    private final Counter disconnects =
            counter("simulator.disconnects", "Open connections that dropped or that the broker closed");
    private final Counter connectFailures =
            counter("simulator.connect.failures", "Connect attempts that failed, rejections for good included");
    private final Timer publishLatency = ProcessMeters.latencyTimer(
            registry,
            "simulator.publish.latency",
            "Time from handing a telemetry PUBLISH to the MQTT client to its successful PUBACK",
            MIN_LATENCY,
            MAX_LATENCY,
            Tags.empty());

    public MeterRegistry registry() {
        return registry;
    }

    /** Returns the registry for the Prometheus endpoint. */
    public PrometheusMeterRegistry prometheusRegistry() {
        return registry;
    }

    @Override
    public void connected(boolean reconnect) {
        connects.increment();
        if (reconnect) {
            reconnects.increment();
        }
    }

    @Override
    public void connectFailed() {
        connectFailures.increment();
    }

    @Override
    public void connectionLost() {
        disconnects.increment();
    }

    @Override
    public void acknowledged(long publishToAckNanos) {
        publishLatency.record(publishToAckNanos, TimeUnit.NANOSECONDS);
    }

    /** Returns every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        process.close();
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    /**
     * Registers a counter that reads a monotonic count of the run at each scrape. Micrometer holds a function
     * counter's source weakly, so this object keeps {@code count} reachable; a collected source would read NaN.
     */
    void functionCounter(String name, String description, Tags tags, LongSupplier count) {
        sources.add(count);
        FunctionCounter.builder(name, count, LongSupplier::getAsLong)
                .description(description)
                .tags(tags)
                .register(registry);
    }

    /** Registers a gauge that reads a current value of the run at each scrape. */
    void gauge(String name, String description, LongSupplier value) {
        Gauge.builder(name, () -> value.getAsLong()).description(description).register(registry);
    }
}
