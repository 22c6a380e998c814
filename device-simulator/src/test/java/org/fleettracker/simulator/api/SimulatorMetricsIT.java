package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.protocol.testing.AlertRules;
import org.fleettracker.protocol.testing.PrometheusText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The simulator's {@code --metrics-port} endpoint, scraped over HTTP while vehicles publish to a real broker. */
@Timeout(120)
class SimulatorMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int VEHICLES = 3;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void endpoint_shows_connected_vehicles_and_acknowledged_publishes() throws Exception {
        broker = startBroker(0);

        try (Simulator simulator = Simulator.start(generated(broker.serverUri()).build())) {
            URI metrics = Objects.requireNonNull(simulator.metricsUri());
            await().atMost(WAIT)
                    .until(() -> PrometheusText.scrape(metrics).value("simulator_publish_latency_seconds_count") >= 10);

            PrometheusText scrape = PrometheusText.scrape(metrics);
            assertThat(scrape.value("simulator_vehicles")).isEqualTo(VEHICLES);
            assertThat(scrape.value("simulator_vehicles_connected")).isEqualTo(VEHICLES);
            assertThat(scrape.value("simulator_connects_total")).isEqualTo(VEHICLES);
            assertThat(scrape.value("simulator_reconnects_total")).isZero();
            assertThat(scrape.value("simulator_publishes_acknowledged_total")).isGreaterThanOrEqualTo(10);
            assertThat(scrape.value("simulator_publishes_total"))
                    .isGreaterThanOrEqualTo(scrape.value("simulator_publishes_acknowledged_total"));
            assertThat(scrape.value("simulator_publish_latency_percentile_seconds", "quantile", "0.99"))
                    .isPositive();
            assertThat(scrape.value("simulator_publishes_rejected_total")).isZero();
            assertThat(scrape.value("process_uptime_seconds")).isPositive();
        }
    }

    @Test
    void meters_survive_garbage_collection() throws Exception {
        broker = startBroker(0);

        try (Simulator simulator = Simulator.start(generated(broker.serverUri()).build())) {
            URI metrics = Objects.requireNonNull(simulator.metricsUri());
            await().atMost(WAIT).until(() -> PrometheusText.scrape(metrics).value("simulator_publishes_total") >= 3);
            // Micrometer holds the sources of function counters weakly; a collected source would read NaN.
            System.gc();

            PrometheusText scrape = PrometheusText.scrape(metrics);
            assertThat(scrape.value("simulator_vehicles")).isEqualTo(VEHICLES);
            assertThat(scrape.value("simulator_publishes_total")).isGreaterThanOrEqualTo(3);
            assertThat(scrape.value("simulator_buffer_dropped_total")).isZero();
            assertThat(scrape.value("simulator_jobs_total", "outcome", "accepted"))
                    .isZero();
        }
    }

    @Test
    void dropped_connection_counts_disconnect_and_reconnect() throws Exception {
        broker = startBroker(0);
        SimulatorSettings settings = generated(broker.serverUri())
                .vehicleCount(1)
                .faults(new FaultSettings(Duration.ofSeconds(1), 0, 0, 0, null, 1, Set.of()))
                .build();

        try (Simulator simulator = Simulator.start(settings)) {
            URI metrics = Objects.requireNonNull(simulator.metricsUri());

            await().atMost(WAIT).until(() -> PrometheusText.scrape(metrics).value("simulator_reconnects_total") >= 1);
            PrometheusText scrape = PrometheusText.scrape(metrics);
            assertThat(scrape.value("simulator_disconnects_total")).isGreaterThanOrEqualTo(1);
            assertThat(scrape.value("simulator_faults_injected_total", "kind", "connection-drop"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(scrape.value("simulator_connects_total"))
                    .isEqualTo(1 + scrape.value("simulator_reconnects_total"));
        }
    }

    @Test
    void full_buffer_counts_drops_by_policy() throws Exception {
        broker = startBroker(0);
        String unreachable = broker.serverUri();
        broker.close();
        SimulatorSettings settings = generated(unreachable)
                .vehicleCount(1)
                .bufferSize(5)
                .buffer(new BufferSettings(null, BufferOverflow.DROP_NEWEST, BufferSettings.DEFAULT_SYNC_INTERVAL))
                .build();

        try (Simulator simulator = Simulator.start(settings)) {
            URI metrics = Objects.requireNonNull(simulator.metricsUri());

            await().atMost(WAIT)
                    .until(() -> PrometheusText.scrape(metrics)
                                    .value("simulator_buffer_dropped_total", "policy", "drop-newest")
                            >= 3);
            PrometheusText scrape = PrometheusText.scrape(metrics);
            assertThat(scrape.value("simulator_buffer_fixes")).isEqualTo(5);
            assertThat(scrape.value("simulator_buffer_fullest_vehicle_fixes")).isEqualTo(5);
            assertThat(scrape.value("simulator_buffer_vehicle_limit_fixes")).isEqualTo(5);
            assertThat(scrape.value("simulator_vehicles_connected")).isZero();
            assertThat(scrape.value("simulator_connect_failures_total")).isGreaterThanOrEqualTo(1);
            assertThat(scrape.value("simulator_buffer_disk_fixes")).isZero();
        }
    }

    @Test
    void alert_rules_use_simulator_meter_names() throws Exception {
        broker = startBroker(0);

        try (Simulator simulator = Simulator.start(generated(broker.serverUri()).build())) {
            PrometheusText scrape = PrometheusText.scrape(Objects.requireNonNull(simulator.metricsUri()));

            assertThat(scrape.sampleNames())
                    .containsAll(AlertRules.load(AlertRules.projectFile()).metricNamesStartingWith("simulator_"));
        }
    }

    @Test
    void metrics_port_in_use_stops_the_start() throws Exception {
        broker = startBroker(0);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SimulatorSettings settings = generated(broker.serverUri())
                    .metrics(MetricsSettings.onPort(taken.getLocalPort()))
                    .build();

            assertThatThrownBy(() -> Simulator.start(settings))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("--metrics-port");
        }
    }

    @Test
    void without_metrics_port_no_endpoint_runs() throws Exception {
        broker = startBroker(0);

        try (Simulator simulator = Simulator.start(
                generated(broker.serverUri()).metrics(MetricsSettings.OFF).build())) {
            assertThat(simulator.metricsUri()).isNull();
            assertThat(simulator.scrapeMetrics()).contains("simulator_vehicles");
        }
    }

    private EmbeddedBroker startBroker(int port) {
        return EmbeddedBroker.builder().port(port).dataDir(dataDir).build().start(Duration.ofSeconds(60));
    }

    private static SimulatorSettings.Builder generated(String brokerUrl) {
        return SimulatorSettings.builder()
                .brokerUrl(brokerUrl)
                .vehicleCount(VEHICLES)
                .interval(Duration.ofMillis(200))
                .seed(7)
                .reconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1), 0.2)
                .metrics(MetricsSettings.onPort(0));
    }
}
