package org.fleettracker.console.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.protocol.api.ProcessMeters;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The console's meters. They outlive each view: Settings… and a login replace the view, which then {@link #watch}es
 * its own connection and outbox. Prometheus names: {@code console_connected} (1 or 0), {@code
 * console_connection_state{state}} (1 for the current state, else 0), {@code console_connects_total}, {@code
 * console_reconnects_total}, {@code console_disconnects_total}, {@code console_connect_failures_total}, {@code
 * console_outbox_actions} (dispatcher actions not yet sent), {@code console_outbox_results_total{result}} ({@code
 * sent}, {@code failed} or {@code retry}), {@code console_resyncs_total{outcome}} ({@code complete} or {@code gap})
 * and {@code console_resync_seconds}.
 *
 * <p>Thread-safe.
 */
public final class ConsoleMeters implements AutoCloseable {

    /** Outbox results: the tracker took the action, rejected it for good, or could not be reached (sent again). */
    public enum OutboxResult {
        SENT,
        FAILED,
        RETRY
    }

    private static final Duration MIN_RESYNC = Duration.ofMillis(10);
    private static final Duration MAX_RESYNC = Duration.ofMinutes(2);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final @Nullable ProcessMeters process;
    private final AtomicReference<Supplier<ConnectionState>> state =
            new AtomicReference<>(() -> ConnectionState.CLOSED);
    private final AtomicReference<IntSupplier> outboxPending = new AtomicReference<>(() -> 0);
    private final Counter connects;
    private final Counter reconnects;
    private final Counter disconnects;
    private final Counter connectFailures;
    private final Counter[] outboxResults = new Counter[OutboxResult.values().length];
    private final Counter resyncsComplete;
    private final Counter resyncsWithGap;
    private final Timer resyncTime;

    private ConsoleMeters(boolean processMeters) {
        this.process = processMeters ? ProcessMeters.bindTo(registry) : null;
        connects = counter("console.connects", "Connections to the broker that came up, the first one included");
        reconnects = counter("console.reconnects", "Connections that came up again after a loss or a failed attempt");
        disconnects = counter("console.disconnects", "Connections that the broker closed or the network dropped");
        connectFailures =
                counter("console.connect.failures", "Connect attempts that failed or that the broker rejected");

        for (OutboxResult result : OutboxResult.values()) {
            outboxResults[result.ordinal()] = Counter.builder("console.outbox.results")
                    .description("Attempts to send a dispatcher action from the outbox, by result")
                    .tag("result", result.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }

        resyncsComplete = resyncs("complete");
        resyncsWithGap = resyncs("gap");
        resyncTime = ProcessMeters.latencyTimer(
                registry,
                "console.resync",
                "Time from a reconnect until what the console missed is filled in from the tracker's API",
                MIN_RESYNC,
                MAX_RESYNC,
                Tags.empty());
        registerGauges();
    }

    /** Registers the gauges, which read the sources of the current view. */
    private void registerGauges() {
        Gauge.builder("console.connected", () -> state.get().get() == ConnectionState.CONNECTED ? 1 : 0)
                .description("1 while the console is connected and subscribed, else 0")
                .register(registry);
        for (ConnectionState each : ConnectionState.values()) {
            Gauge.builder("console.connection.state", () -> state.get().get() == each ? 1 : 0)
                    .description("1 for the connection's current state, else 0")
                    .tag("state", each.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("console.outbox.actions", () -> outboxPending.get().getAsInt())
                .description("Acknowledgements, commands and jobs in the outbox, not yet taken by the tracker")
                .register(registry);
    }

    /** Returns meters with the JVM and process meters, for an endpoint. */
    public static ConsoleMeters exported() {
        return new ConsoleMeters(true);
    }

    /** Returns meters that no endpoint serves, for a console without a metrics port. */
    public static ConsoleMeters unexported() {
        return new ConsoleMeters(false);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Makes the gauges read the connection state and the outbox of the current view. */
    public void watch(Supplier<ConnectionState> connectionState, IntSupplier pendingActions) {
        state.set(connectionState);
        outboxPending.set(pendingActions);
    }

    /** Counts a connection that came up; {@code reconnect} when an earlier one of this view came up before. */
    public void connected(boolean reconnect) {
        connects.increment();
        if (reconnect) {
            reconnects.increment();
        }
    }

    public void connectionLost() {
        disconnects.increment();
    }

    public void connectFailed() {
        connectFailures.increment();
    }

    public void outboxResult(OutboxResult result) {
        outboxResults[result.ordinal()].increment();
    }

    /** Counts a refill after a reconnect that took {@code duration}; {@code complete} when it had no gap. */
    public void resynced(boolean complete, Duration duration) {
        (complete ? resyncsComplete : resyncsWithGap).increment();
        resyncTime.record(duration);
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private Counter resyncs(String outcome) {
        return Counter.builder("console.resyncs")
                .description("Refills after a reconnect: complete, or with a gap because the API could not be read")
                .tag("outcome", outcome)
                .register(registry);
    }
}
