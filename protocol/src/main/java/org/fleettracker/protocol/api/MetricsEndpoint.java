package org.fleettracker.protocol.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP server that serves one Prometheus registry at {@code GET /metrics} in the Prometheus text format, for
 * the processes without an HTTP API of their own: the simulator, the console and the standalone broker extension.
 *
 * <p>A request for another path gets 404, and a method other than GET or HEAD gets 405. One daemon thread serves the
 * requests, so a slow scraper delays only other scrapers. Thread-safe.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);

    /** The only path the endpoint serves. */
    public static final String PATH = "/metrics";

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final int NOT_FOUND = 404;
    private static final int METHOD_NOT_ALLOWED = 405;
    private static final int SERVER_ERROR = 500;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private MetricsEndpoint(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /**
     * Binds {@code bindAddress:port} and starts serving {@code registry}.
     *
     * @param port the TCP port; 0 picks a free one, which {@link #port()} then returns
     * @param threadName name of the serving thread, such as {@code simulator-metrics}
     * @throws UncheckedIOException when the address or port cannot be bound, naming both
     */
    public static MetricsEndpoint start(
            String bindAddress, int port, PrometheusMeterRegistry registry, String threadName) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("metrics port " + port + " is out of range [0, 65535]");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot serve metrics on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, registry));
        server.start();
        String host = "0.0.0.0".equals(bindAddress) ? "127.0.0.1" : bindAddress;
        MetricsEndpoint endpoint = new MetricsEndpoint(server, executor, host);
        log.info("Serving Prometheus metrics at {}", endpoint.uri());
        return endpoint;
    }

    /** Returns the TCP port the endpoint listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Returns the address to scrape, such as {@code http://127.0.0.1:9464/metrics}. */
    public URI uri() {
        String literal = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + port() + PATH);
    }

    /** Stops listening at once and ends the serving thread. Safe to call more than once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void serve(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(NOT_FOUND, -1);
                return;
            }
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(METHOD_NOT_ALLOWED, -1);
                return;
            }
            byte[] body = scrape(registry);
            if (body == null) {
                exchange.sendResponseHeaders(SERVER_ERROR, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", PROMETHEUS_TEXT);
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Returns the registry's text, or null when a meter's value could not be read; the failure is logged. */
    private static byte @Nullable [] scrape(PrometheusMeterRegistry registry) {
        try {
            return registry.scrape().getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            log.warn("Reading the meters for a scrape failed: {}", e.toString());
            log.debug("Scrape failure", e);
            return null;
        }
    }
}
