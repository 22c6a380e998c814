package org.fleettracker.broker.api;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Exports the broker's connection and message meters to Micrometer: the extension's {@link SecurityCounter}s and
 * HiveMQ CE's own metrics, both read from HiveMQ's Dropwizard registry at each scrape. The tracker binds them for
 * its embedded broker, and the standalone extension for its own endpoint, so both show the same {@code broker_*}
 * names.
 *
 * <p>A metric that HiveMQ has not registered yet reads as 0 for a counter and NaN for a gauge.
 */
public final class BrokerMeters {

    private BrokerMeters() {}

    /** The HiveMQ CE 2025.5 metrics that are exported, with the Micrometer name and meaning of each. */
    private enum HiveMqMetric {
        CONNECTIONS_CURRENT(
                "com.hivemq.networking.connections.current",
                "broker.connections.current",
                "Open MQTT connections",
                false),
        CONNECTIONS_CLOSED(
                "com.hivemq.networking.connections-closed.total.count",
                "broker.connections.closed",
                "MQTT connections that ended, gracefully or not",
                true),
        CONNECT_PACKETS(
                "com.hivemq.messages.incoming.connect.count",
                "broker.connect.packets",
                "CONNECT packets received, accepted or not",
                true),
        PUBLISHES_RECEIVED(
                "com.hivemq.messages.incoming.publish.count",
                "broker.publishes.received",
                "PUBLISH packets received from clients",
                true),
        PUBLISHES_SENT(
                "com.hivemq.messages.outgoing.publish.count",
                "broker.publishes.sent",
                "PUBLISH packets sent to subscribers",
                true),
        MESSAGES_DROPPED(
                "com.hivemq.messages.dropped.count",
                "broker.messages.dropped",
                "Messages the broker discarded, such as those beyond a full client queue",
                true),
        SESSIONS_CURRENT(
                "com.hivemq.sessions.overall.current", "broker.sessions.current", "Client sessions held", false),
        SUBSCRIPTIONS_CURRENT(
                "com.hivemq.subscriptions.overall.current",
                "broker.subscriptions.current",
                "Subscriptions of all sessions",
                false),
        RETAINED_CURRENT(
                "com.hivemq.messages.retained.current", "broker.retained.messages", "Retained messages held", false),
        NOT_WRITABLE_CURRENT(
                "com.hivemq.mqtt.connection.not-writable.current",
                "broker.connections.not.writable",
                "Connections whose socket buffer is full, so the broker waits before it writes more",
                false);

        private final String metricName;
        private final String meterName;
        private final String description;
        private final boolean counter;

        HiveMqMetric(String metricName, String meterName, String description, boolean counter) {
            this.metricName = metricName;
            this.meterName = meterName;
            this.description = description;
            this.counter = counter;
        }
    }

    /** Registers every broker meter in {@code registry}, reading the values from {@code hiveMq} at each scrape. */
    public static void bind(MeterRegistry registry, MetricRegistry hiveMq) {
        for (HiveMqMetric metric : HiveMqMetric.values()) {
            if (metric.counter) {
                FunctionCounter.builder(metric.meterName, hiveMq, source -> read(source, metric.metricName, 0))
                        .description(metric.description)
                        .register(registry);
            } else {
                Gauge.builder(metric.meterName, hiveMq, source -> read(source, metric.metricName, Double.NaN))
                        .description(metric.description)
                        .register(registry);
            }
        }
        for (SecurityCounter counter : SecurityCounter.values()) {
            FunctionCounter.Builder<MetricRegistry> builder = FunctionCounter.builder(
                            counter.meterName(), hiveMq, source -> read(source, counter.metricName(), 0))
                    .description(counter.description());
            String reason = counter.reason();
            if (reason != null) {
                builder.tag("reason", reason);
            }
            builder.register(registry);
        }
    }

    /** Returns the count of a counter or the value of a numeric gauge, or {@code missing} when there is none. */
    private static double read(MetricRegistry hiveMq, String name, double missing) {
        Metric metric = hiveMq.getMetrics().get(name);
        if (metric instanceof Counting counting) {
            return counting.getCount();
        }
        if (metric instanceof com.codahale.metrics.Gauge<?> gauge && gauge.getValue() instanceof Number number) {
            return number.doubleValue();
        }
        return missing;
    }
}
