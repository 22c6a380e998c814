package org.fleettracker.tracker.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The meters of the tracker's own MQTT client. Prometheus names: {@code tracker_mqtt_connected} and {@code
 * tracker_mqtt_subscribed} (1 or 0), {@code tracker_mqtt_connection_losses_total}, {@code
 * tracker_mqtt_reconnects_total}, {@code tracker_mqtt_subscribe_failures_total}, {@code
 * tracker_mqtt_publishes_total}, {@code tracker_mqtt_messages_received_total}, {@code
 * tracker_command_publish_failures_total}, {@code tracker_mqtt_publishes_in_flight} and {@code
 * tracker_mqtt_publish_window} (the in-flight limit), and {@code tracker_delivery_watchdog_reconnects_total}.
 *
 * <p>Thread-safe.
 */
public final class MqttMeters {

    private final MeterRegistry registry;
    /** The sources of the function counters, which Micrometer references only weakly; a collected one reads NaN. */
    private final List<LongSupplier> sources = new CopyOnWriteArrayList<>();

    private final Counter connectionLosses;
    private final Counter reconnects;
    private final Counter subscribeFailures;
    private final Counter commandPublishFailures;

    MqttMeters(MeterRegistry registry) {
        this.registry = registry;
        this.connectionLosses = Counter.builder("tracker.mqtt.connection.losses")
                .description("Times the broker closed the tracker's connection or the network dropped it")
                .register(registry);
        this.reconnects = Counter.builder("tracker.mqtt.reconnects")
                .description("Connections the tracker's MQTT client made again after its first one")
                .register(registry);
        this.subscribeFailures = Counter.builder("tracker.mqtt.subscribe.failures")
                .description("Subscriptions the broker rejected or that failed, at connect or resubscribe")
                .register(registry);
        this.commandPublishFailures = Counter.builder("tracker.command.publish.failures")
                .description("Command publishes that failed; the command service retries them")
                .register(registry);
    }

    public void connectionLost() {
        connectionLosses.increment();
    }

    public void reconnected() {
        reconnects.increment();
    }

    public void subscribeFailed() {
        subscribeFailures.increment();
    }

    public void commandPublishFailed() {
        commandPublishFailures.increment();
    }

    /**
     * Registers the gauges and counters that read the client's own state.
     *
     * @param publishesSent PUBLISH packets handed to the client
     * @param messagesReceived PUBLISH packets that arrived from the broker
     * @param publishesInFlight publishes that await their PUBACK
     * @param publishWindow how many publishes may await their PUBACK at once
     */
    public void bindClient(
            BooleanSupplier connected,
            BooleanSupplier subscribed,
            LongSupplier publishesSent,
            LongSupplier messagesReceived,
            IntSupplier publishesInFlight,
            IntSupplier publishWindow) {
        Gauge.builder("tracker.mqtt.connected", () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while the tracker's MQTT client is connected, else 0")
                .register(registry);
        Gauge.builder("tracker.mqtt.subscribed", () -> subscribed.getAsBoolean() ? 1 : 0)
                .description("1 while the tracker is connected and its subscriptions are granted, else 0")
                .register(registry);
        sources.add(publishesSent);
        sources.add(messagesReceived);
        FunctionCounter.builder("tracker.mqtt.publishes", publishesSent, LongSupplier::getAsLong)
                .description("State, event, reject and command PUBLISH packets handed to the MQTT client")
                .register(registry);
        FunctionCounter.builder("tracker.mqtt.messages.received", messagesReceived, LongSupplier::getAsLong)
                .description("PUBLISH packets that arrived from the broker, on any connection")
                .register(registry);
        Gauge.builder("tracker.mqtt.publishes.in.flight", publishesInFlight::getAsInt)
                .description("Publishes that await their PUBACK")
                .register(registry);
        Gauge.builder("tracker.mqtt.publish.window", publishWindow::getAsInt)
                .description("Most publishes that may await their PUBACK at once; a full window delays publishes")
                .register(registry);
    }

    /** Registers the count of reconnects that the delivery watchdog made. */
    public void bindWatchdog(LongSupplier reconnects) {
        sources.add(reconnects);
        FunctionCounter.builder("tracker.delivery.watchdog.reconnects", reconnects, LongSupplier::getAsLong)
                .description("Reconnects because the embedded broker stopped delivering to the tracker")
                .register(registry);
    }
}
