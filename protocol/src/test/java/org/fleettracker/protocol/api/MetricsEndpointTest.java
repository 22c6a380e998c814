package org.fleettracker.protocol.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.fleettracker.protocol.testing.PrometheusText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MetricsEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry, "test-metrics");

    @AfterEach
    void close() {
        endpoint.close();
    }

    @Test
    void scrape_shows_current_counter_value() throws Exception {
        Counter counter = Counter.builder("test.things").register(registry);
        counter.increment(3);

        PrometheusText first = PrometheusText.scrape(endpoint.uri());
        counter.increment();
        PrometheusText second = PrometheusText.scrape(endpoint.uri());

        assertThat(first.value("test_things_total")).isEqualTo(3);
        assertThat(second.value("test_things_total")).isEqualTo(4);
    }

    @Test
    void uri_names_loopback_and_bound_port() {
        assertThat(endpoint.port()).isPositive();
        assertThat(endpoint.uri()).isEqualTo(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"));
    }

    @Test
    void other_path_is_not_found() throws Exception {
        assertThat(status("GET", "/health")).isEqualTo(404);
        assertThat(status("GET", "/metrics/more")).isEqualTo(404);
    }

    @Test
    void post_is_not_allowed() throws Exception {
        assertThat(status("POST", "/metrics")).isEqualTo(405);
    }

    @Test
    void head_answers_without_body() throws Exception {
        assertThat(status("HEAD", "/metrics")).isEqualTo(200);
    }

    @Test
    void process_meters_are_scraped() throws Exception {
        try (ProcessMeters ignored = ProcessMeters.bindTo(registry)) {
            PrometheusText scrape = PrometheusText.scrape(endpoint.uri());

            assertThat(scrape.value("jvm_memory_used_bytes", "area", "heap")).isPositive();
            assertThat(scrape.value("process_uptime_seconds")).isPositive();
            assertThat(scrape.has("jvm_threads_live_threads")).isTrue();
            assertThat(scrape.has("process_cpu_usage")).isTrue();
        }
    }

    @Test
    void port_in_use_is_a_clear_error() {
        assertThatThrownBy(() -> MetricsEndpoint.start("127.0.0.1", endpoint.port(), registry, "second"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("127.0.0.1:" + endpoint.port());
    }

    @Test
    void port_out_of_range_is_rejected() {
        assertThatThrownBy(() -> MetricsEndpoint.start("127.0.0.1", 70_000, registry, "bad"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
    }

    @Test
    void latency_timer_publishes_percentiles_and_bounded_buckets() throws Exception {
        ProcessMeters.latencyTimer(
                        registry, "test.latency", "test", Duration.ofMillis(1), Duration.ofSeconds(10), Tags.empty())
                .record(Duration.ofMillis(20));

        PrometheusText scrape = PrometheusText.scrape(endpoint.uri());

        assertThat(scrape.value("test_latency_seconds_count")).isEqualTo(1);
        assertThat(scrape.has("test_latency_seconds_bucket")).isTrue();
        assertThat(scrape.value("test_latency_percentile_seconds", "quantile", "0.99"))
                .isPositive();
        assertThat(scrape.text()).doesNotContain("test_latency_seconds_bucket{le=\"30.0\"}");
        assertThat(scrape.text()).contains("test_latency_seconds_bucket{le=\"+Inf\"}");
    }

    private int status(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
