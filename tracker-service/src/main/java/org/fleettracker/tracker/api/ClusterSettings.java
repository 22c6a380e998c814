package org.fleettracker.tracker.api;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * How several tracker instances that share one database and one external broker keep each vehicle's state and
 * events correct (docs/cluster.md). Read from the properties-file keys with the prefix {@code cluster.}.
 *
 * @param enabled true turns the cluster mode on, false off, null (key value {@code auto}, the default) turns it on
 *     exactly when the tracker uses an external broker (key {@code cluster.enabled})
 * @param tickLease how long the instance that runs the fleet rules' time-based checks holds that job without renewing
 *     it; another instance takes it over after this time (default 15 s, key {@code cluster.tick-lease}). It must
 *     exceed {@code fleet.tick-interval}, because the holder renews it on each tick
 */
public record ClusterSettings(@Nullable Boolean enabled, Duration tickLease) {

    /** Keys after the {@code cluster.} prefix. */
    public static final List<String> KEYS = List.of("enabled", "tick-lease");

    private static final String AUTO = "auto";

    public ClusterSettings {
        Objects.requireNonNull(tickLease, "tickLease");
        if (tickLease.isNegative() || tickLease.isZero()) {
            throw new IllegalArgumentException("tickLease " + tickLease + " must be above 0");
        }
    }

    public static ClusterSettings defaults() {
        return new ClusterSettings(null, Duration.ofSeconds(15));
    }

    /** Returns whether the cluster mode is on for a tracker whose external broker is {@code brokerUrl}, or null. */
    public boolean enabledFor(@Nullable String brokerUrl) {
        return enabled != null ? enabled : brokerUrl != null;
    }

    /**
     * Reads the keys of {@link #KEYS}; an absent key keeps its default. {@code enabled} takes {@code true},
     * {@code false} or {@code auto}; the lease takes a duration as in {@link IngestSettings#fromProperties}.
     *
     * @throws IllegalArgumentException on an unknown key or an invalid value
     */
    public static ClusterSettings fromProperties(Properties properties) {
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        KEYS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown key '" + unknown.iterator().next() + "'; known: " + KEYS);
        }
        ClusterSettings defaults = defaults();
        String enabledText = properties.getProperty("enabled", AUTO).strip().toLowerCase(Locale.ROOT);
        Boolean enabled =
                switch (enabledText) {
                    case AUTO -> null;
                    case "true" -> true;
                    case "false" -> false;
                    default ->
                        throw new IllegalArgumentException("enabled '" + enabledText + "' must be true, false or auto");
                };
        String lease = properties.getProperty("tick-lease");
        Duration tickLease;
        try {
            tickLease = lease == null ? defaults.tickLease() : IngestSettings.parseDuration(lease.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tick-lease: " + e.getMessage(), e);
        }
        return new ClusterSettings(enabled, tickLease);
    }
}
