package org.fleettracker.console.api;

import org.fleettracker.console.internal.metrics.ConsoleMeters;
import org.fleettracker.protocol.api.MetricsEndpoint;
import org.jspecify.annotations.Nullable;

import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The console's meters and, with a metrics port, the Prometheus endpoint that serves them at {@code GET /metrics}. One
 * instance lives as long as the process and outlives the views that Settings… and a login replace. Thread-safe.
 */
public final class ConsoleMetrics implements AutoCloseable {

    /** Address the endpoint listens on unless the operator names another; only this machine may scrape. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    private final ConsoleMeters meters;
    private final @Nullable MetricsEndpoint endpoint;

    private ConsoleMetrics(ConsoleMeters meters, @Nullable MetricsEndpoint endpoint) {
        this.meters = meters;
        this.endpoint = endpoint;
    }

    /**
     * Starts the endpoint on {@code bindAddress:port}; port 0 picks a free one, which {@link #uri()} names.
     *
     * @throws UncheckedIOException when the port cannot be bound, naming address and port
     */
    public static ConsoleMetrics serve(String bindAddress, int port) {
        ConsoleMeters meters = ConsoleMeters.exported();
        try {
            return new ConsoleMetrics(
                    meters, MetricsEndpoint.start(bindAddress, port, meters.registry(), "console-metrics"));
        } catch (RuntimeException e) {
            meters.close();
            throw e;
        }
    }

    /** Returns meters that no endpoint serves. */
    public static ConsoleMetrics unexported() {
        return new ConsoleMetrics(ConsoleMeters.unexported(), null);
    }

    /** Returns the address to scrape, such as {@code http://127.0.0.1:9467/metrics}, or null without an endpoint. */
    public @Nullable URI uri() {
        return endpoint == null ? null : endpoint.uri();
    }

    ConsoleMeters meters() {
        return meters;
    }

    /** Stops the endpoint. Safe to call more than once. */
    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
        meters.close();
    }
}
