package org.fleettracker.broker.internal;

import org.jspecify.annotations.Nullable;

import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Prometheus endpoint of the extension in a standalone HiveMQ, from the {@code metrics.*} keys of {@code
 * conf/security.properties}: {@code metrics.port} turns it on, {@code metrics.bind-address} (default {@value
 * #DEFAULT_BIND_ADDRESS}) sets where it listens. Without {@code metrics.port} the extension serves no metrics, and
 * HiveMQ's own reporters still see its counters.
 *
 * @param port the TCP port of {@code GET /metrics}, or null when the endpoint is off
 */
public record MetricsSettings(@Nullable Integer port, String bindAddress) {

    /** Prefix of the keys this record reads. */
    public static final String PREFIX = "metrics.";

    static final String PORT = PREFIX + "port";
    static final String BIND_ADDRESS = PREFIX + "bind-address";

    /** Only this machine may scrape unless the operator names another address. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    /** No endpoint. */
    public static final MetricsSettings OFF = new MetricsSettings(null, DEFAULT_BIND_ADDRESS);

    public MetricsSettings {
        if (port != null && (port < 1 || port > 65_535)) {
            throw new IllegalArgumentException("metrics port " + port + " is out of range [1, 65535]");
        }
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("metrics bind address is empty");
        }
    }

    /**
     * Reads the {@code metrics.*} keys and removes them from {@code properties}, so that the rest can be read as
     * {@code SecuritySettings}.
     *
     * @throws IllegalArgumentException naming the key and the value when a {@code metrics.*} key is unknown or its
     *     value is invalid
     */
    public static MetricsSettings extract(Properties properties) {
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(PREFIX) && !key.equals(PORT) && !key.equals(BIND_ADDRESS)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "Unknown metrics settings " + unknown + "; known keys: " + PORT + ", " + BIND_ADDRESS);
        }
        String portValue = (String) properties.remove(PORT);
        String bindValue = (String) properties.remove(BIND_ADDRESS);
        String bindAddress = bindValue == null ? DEFAULT_BIND_ADDRESS : bindValue.strip();
        if (portValue == null) {
            return new MetricsSettings(null, bindAddress);
        }
        int port;
        try {
            port = Integer.parseInt(portValue.strip());
        } catch (NumberFormatException e) {
            throw invalidPort(portValue);
        }
        if (port < 1 || port > 65_535) {
            throw invalidPort(portValue);
        }
        return new MetricsSettings(port, bindAddress);
    }

    private static IllegalArgumentException invalidPort(String value) {
        return new IllegalArgumentException(
                "Security setting " + PORT + " has the invalid value '" + value + "'; expected a port from 1 to 65535");
    }
}
