package org.fleettracker.broker.internal.limits;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import org.fleettracker.broker.api.SecurityCounter;

import java.util.EnumMap;
import java.util.Map;

/** The extension's {@link SecurityCounter}s in a Dropwizard registry, such as HiveMQ's. Thread-safe. */
public final class SecurityMetrics {

    private final Map<SecurityCounter, Counter> counters = new EnumMap<>(SecurityCounter.class);

    /** Registers every counter in {@code registry}, or reuses the counter already registered under its name. */
    public SecurityMetrics(MetricRegistry registry) {
        for (SecurityCounter counter : SecurityCounter.values()) {
            counters.put(counter, registry.counter(counter.metricName()));
        }
    }

    public void increment(SecurityCounter counter) {
        counters.get(counter).inc();
    }

    public long count(SecurityCounter counter) {
        return counters.get(counter).getCount();
    }
}
