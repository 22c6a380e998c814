package org.fleettracker.simulator.api;

import org.jspecify.annotations.Nullable;

/**
 * The simulator's Prometheus endpoint. {@link #OFF} serves none.
 *
 * @param port TCP port of {@code GET /metrics}; 0 picks a free port, which {@link Simulator#metricsUri()} returns;
 *     null serves no metrics
 * @param bindAddress address the endpoint listens on; {@value #DEFAULT_BIND_ADDRESS} lets only this machine scrape
 */
public record MetricsSettings(@Nullable Integer port, String bindAddress) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    /** No endpoint. */
    public static final MetricsSettings OFF = new MetricsSettings(null, DEFAULT_BIND_ADDRESS);

    public MetricsSettings {
        if (port != null && (port < 0 || port > 65_535)) {
            throw new IllegalArgumentException("metrics port must be from 0 to 65535, got " + port);
        }
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("metrics bind address must not be empty");
        }
    }

    /** Returns settings that serve metrics on {@code port} of {@value #DEFAULT_BIND_ADDRESS}. */
    public static MetricsSettings onPort(int port) {
        return new MetricsSettings(port, DEFAULT_BIND_ADDRESS);
    }
}
