package org.fleettracker.simulator.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the tracker's {@code /health} and {@code /metrics} over HTTP on 127.0.0.1. */
final class TrackerHttp {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final int port;
    private final String baseUrl;

    TrackerHttp(int port) {
        this.port = port;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Returns whether {@code /health} returns status 200, which it does not while the tracker starts. */
    boolean healthy() {
        try {
            return get("/health").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns the sum of the Prometheus samples whose name is {@code metric}, over all label values.
     *
     * @throws IOException when the request fails
     */
    double metric(String metric) throws IOException {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new IOException("GET " + baseUrl + "/metrics returned status " + response.statusCode());
        }
        double sum = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        return baseUrl;
    }

    private HttpResponse<String> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while requesting " + baseUrl + path, e);
        }
    }
}
