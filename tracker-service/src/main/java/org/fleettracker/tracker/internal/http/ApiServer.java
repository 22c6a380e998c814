package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP API: read-only vehicles and positions and read-write geofences under {@code /api/v1}, access tokens at
 * {@code POST /api/v1/tokens}, {@code /health} and {@code /metrics}.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final int STOP_DELAY_SECONDS = 1;

    private final HttpServer server;
    private final ExecutorService executor;

    private ApiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts the server.
     *
     * @throws UncheckedIOException when the address or port cannot be bound
     */
    public static ApiServer start(ApiServices services) {
        TrackerSettings settings = services.settings();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.httpPort()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot listen for HTTP on " + settings.bindAddress() + ":" + settings.httpPort() + ": "
                            + e.getMessage(),
                    e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(settings.httpThreads(), task -> {
            Thread thread = new Thread(task, "tracker-http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        Router router = routes(services);
        // The server matches contexts by string prefix, so one context routes by path template instead.
        server.createContext("/", guarded(router::route));
        server.start();
        log.info(
                "HTTP API listening on {}:{}",
                settings.bindAddress(),
                server.getAddress().getPort());
        return new ApiServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(STOP_DELAY_SECONDS);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_DELAY_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("HTTP API stopped");
    }

    /** Returns the router with every route of the API. */
    static Router routes(ApiServices services) {
        TrackerSettings settings = services.settings();
        VehicleStates states = services.states();
        Database database = services.database();
        Clock clock = services.clock();
        ApiAuth auth = new ApiAuth(services.security());
        Router router = new Router();
        router.add("GET", "/health", (exchange, path) -> sendHealth(exchange, services.health()));
        router.add("GET", "/metrics", (exchange, path) -> sendMetrics(exchange, services.metrics()));
        new TokensHandler(services.security(), auth).register(router);
        new VehiclesHandler(states, database, settings).register(router);
        new VehicleSettingsHandler(states, database, services.vehicleLimits(), auth, clock).register(router);
        new PositionExportHandler(states, database, settings.exportMaxPositions()).register(router);
        new EventsHandler(database, settings).register(router);
        new AlertsHandler(database, settings, auth, services.outbound(), clock).register(router);
        new OpenApiHandler().register(router);
        new GeofencesHandler(database, services.geofences(), auth, clock).register(router);
        new TripsHandler(states, database, settings).register(router);
        new CommandsHandler(services.commands(), states, auth, settings, clock).register(router);
        new JobsHandler(services.jobs(), states, auth, settings, clock).register(router);
        return router;
    }

    private static void sendHealth(HttpExchange exchange, HealthCheck health) throws IOException {
        boolean broker = health.brokerUp();
        boolean database = health.databaseUp();
        boolean subscription = health.subscriptionUp();
        boolean ingest = health.ingestUp();
        boolean up = broker && database && subscription && ingest;
        Exchanges.sendJson(
                exchange,
                up ? 200 : 503,
                new ApiResponses.Health(
                        status(up), status(broker), status(database), status(subscription), status(ingest)));
    }

    private static void sendMetrics(HttpExchange exchange, TrackerMetrics metrics) throws IOException {
        Exchanges.send(exchange, 200, PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }

    /** Wraps a handler so that an unexpected error becomes a 500 JSON response and a log line. */
    private static HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (IOException | RuntimeException e) {
                log.warn(
                        "HTTP {} {} failed: {}",
                        exchange.getRequestMethod(),
                        Exchanges.excerpt(String.valueOf(exchange.getRequestURI())),
                        e.getMessage());
                log.debug("HTTP failure", e);
                trySendInternalError(exchange);
            } finally {
                exchange.close();
            }
        };
    }

    private static void trySendInternalError(HttpExchange exchange) {
        try {
            Exchanges.sendError(exchange, 500, "internal_error", "the request failed; see the tracker log", null);
        } catch (IOException | RuntimeException e) {
            // The response headers were already sent; the client sees a cut connection instead.
            log.debug("Sending the 500 response failed: {}", e.getMessage());
        }
    }
}
