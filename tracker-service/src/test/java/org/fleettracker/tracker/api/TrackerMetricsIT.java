package org.fleettracker.tracker.api;

import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.TelemetryProperties;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.testing.AlertRules;
import org.fleettracker.protocol.testing.PrometheusText;
import org.fleettracker.simulator.api.Simulator;
import org.fleettracker.simulator.api.SimulatorSettings;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tracker's {@code /metrics}, scraped over HTTP from a running tracker with its embedded broker. */
@Timeout(120)
class TrackerMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String VEHICLE = "metrics-v1";

    @TempDir
    Path folder;

    private TrackerSettings settings;
    private Tracker tracker;

    @BeforeEach
    void startTracker() throws Exception {
        settings = TrackerHarness.settings(folder).build();
        tracker = Tracker.start(settings);
    }

    @AfterEach
    void stopTracker() {
        tracker.close();
    }

    @Test
    void connected_client_shows_its_state_and_window() throws Exception {
        PrometheusText scrape = scrape();

        assertThat(scrape.value("tracker_mqtt_connected")).isEqualTo(1);
        assertThat(scrape.value("tracker_mqtt_subscribed")).isEqualTo(1);
        assertThat(scrape.value("tracker_mqtt_publish_window")).isPositive();
        assertThat(scrape.value("tracker_mqtt_publishes_in_flight")).isZero();
        assertThat(scrape.value("tracker_ingest_queue_messages")).isZero();
        assertThat(scrape.value("tracker_ingest_queue_bound_messages")).isEqualTo(1_000);
        assertThat(scrape.value("tracker_mqtt_reconnects_total")).isZero();
    }

    @Test
    void meters_survive_garbage_collection() throws Exception {
        // Micrometer holds the sources of function counters weakly; a collected source would read NaN.
        System.gc();

        PrometheusText scrape = scrape();

        assertThat(scrape.value("tracker_mqtt_publishes_total")).isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("tracker_mqtt_messages_received_total")).isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("tracker_delivery_watchdog_reconnects_total")).isZero();
        assertThat(scrape.value("broker_connects_total")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("broker_connections_current")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void taken_over_connection_counts_loss_and_reconnect() throws Exception {
        PrometheusText before = scrape();

        MqttTestClient.connect(tracker.mqttServerUri(), settings.mqttClientId(), TestUsers.TRACKER)
                .close();

        await().atMost(WAIT).until(() -> scrape().value("tracker_mqtt_reconnects_total") >= 1);
        await().atMost(WAIT).until(() -> scrape().value("tracker_mqtt_subscribed") == 1);
        PrometheusText after = scrape();
        assertThat(after.value("tracker_mqtt_connection_losses_total")
                        - before.value("tracker_mqtt_connection_losses_total"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.value("tracker_mqtt_connected")).isEqualTo(1);
    }

    @Test
    void rejected_message_counts_its_reason() throws Exception {
        double before = scrape().value("tracker_messages_rejected_total", "reason", "malformed_json");

        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), VEHICLE)) {
            vehicle.publish(
                    Topics.telemetry(TestUsers.FLEET, VEHICLE), "{\"cut".getBytes(StandardCharsets.UTF_8), false);
        }

        await().atMost(WAIT)
                .until(() ->
                        scrape().value("tracker_messages_rejected_total", "reason", "malformed_json") == before + 1);
        assertThat(scrape().value("tracker_messages_rejected_total", "reason", "out_of_range"))
                .isZero();
    }

    @Test
    void fix_with_sent_time_records_every_latency() throws Exception {
        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), VEHICLE)) {
            publishFix(vehicle, 1, TelemetryProperties.formatSentTime(Instant.now()));
        }

        await().atMost(WAIT).until(() -> scrape().value("tracker_latency_publish_to_state_seconds_count") == 1);
        PrometheusText scrape = scrape();
        assertThat(scrape.value("tracker_latency_publish_to_commit_seconds_count"))
                .isEqualTo(1);
        assertThat(scrape.value("tracker_latency_received_to_commit_seconds_count"))
                .isEqualTo(1);
        assertThat(scrape.value("tracker_latency_fix_to_commit_seconds_count")).isEqualTo(1);
        assertThat(scrape.value("tracker_latency_publish_to_commit_seconds_sum"))
                .isPositive()
                .isLessThan(WAIT.toSeconds());
        assertThat(scrape.value("tracker_latency_publish_to_commit_percentile_seconds", "quantile", "0.99"))
                .isPositive();
        assertThat(scrape.value("tracker_latency_publish_to_commit_seconds_bucket", "le", "+Inf"))
                .isEqualTo(1);
    }

    @Test
    void fix_without_sent_time_records_tracker_latencies_only() throws Exception {
        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), VEHICLE)) {
            publishFix(vehicle, 1, null);
        }

        await().atMost(WAIT).until(() -> scrape().value("tracker_latency_received_to_commit_seconds_count") == 1);
        PrometheusText scrape = scrape();
        assertThat(scrape.value("tracker_latency_publish_to_commit_seconds_count"))
                .isZero();
        assertThat(scrape.value("tracker_latency_fix_to_commit_seconds_count")).isEqualTo(1);
    }

    @Test
    void unusable_sent_time_is_counted() throws Exception {
        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), VEHICLE)) {
            publishFix(
                    vehicle, 1, TelemetryProperties.formatSentTime(Instant.now().plusSeconds(3_600)));
            publishFix(vehicle, 2, "not a time");
        }

        await().atMost(WAIT).until(() -> scrape().value("tracker_latency_received_to_commit_seconds_count") == 2);
        PrometheusText scrape = scrape();
        assertThat(scrape.value("tracker_latency_samples_skipped_total", "reason", "sent-time-ahead"))
                .isEqualTo(1);
        assertThat(scrape.value("tracker_latency_samples_skipped_total", "reason", "sent-time-invalid"))
                .isEqualTo(1);
        assertThat(scrape.value("tracker_latency_publish_to_commit_seconds_count"))
                .isZero();
    }

    @Test
    void simulated_vehicles_send_the_publish_time() throws Exception {
        SimulatorSettings simulated = SimulatorSettings.builder()
                .brokerUrl(tracker.mqttServerUri())
                .username(TestUsers.DEMO_VEHICLES)
                .password(TestUsers.VEHICLE_PASSWORD)
                .fleetId(TestUsers.FLEET)
                .vehicleCount(2)
                .interval(Duration.ofMillis(200))
                .seed(11)
                .build();

        try (Simulator simulator = Simulator.start(simulated)) {
            await().atMost(WAIT).until(() -> scrape().value("tracker_latency_publish_to_commit_seconds_count") >= 10);
        }

        PrometheusText scrape = scrape();
        assertThat(scrape.value("tracker_latency_publish_to_state_seconds_count"))
                .isPositive();
        assertThat(scrape.value("tracker_latency_samples_skipped_total")).isZero();
    }

    @Test
    void broker_meters_count_connections_and_publishes() throws Exception {
        PrometheusText before = scrape();

        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), VEHICLE)) {
            publishFix(vehicle, 1, null);
            await().atMost(WAIT).until(() -> scrape().value("broker_connections_current") >= 2);
        }

        await().atMost(WAIT)
                .until(() -> scrape().value("broker_disconnects_total") > before.value("broker_disconnects_total"));
        PrometheusText after = scrape();
        assertThat(after.value("broker_connects_total") - before.value("broker_connects_total"))
                .isEqualTo(1);
        assertThat(after.value("broker_publishes_received_total"))
                .isGreaterThan(before.value("broker_publishes_received_total"));
        assertThat(after.value("broker_sessions_current")).isPositive();
        assertThat(after.has("jvm_memory_used_bytes")).isTrue();
    }

    @Test
    void alert_rules_use_tracker_and_broker_meter_names() throws Exception {
        AlertRules rules = AlertRules.load(AlertRules.projectFile());

        PrometheusText scrape = scrape();

        assertThat(scrape.sampleNames()).containsAll(rules.metricNamesStartingWith("tracker_"));
        assertThat(scrape.sampleNames()).containsAll(rules.metricNamesStartingWith("broker_"));
    }

    private void publishFix(MqttTestClient vehicle, long seq, @Nullable String sentTime) throws Exception {
        MqttProperties properties = new MqttProperties();
        if (sentTime != null) {
            properties.setUserProperties(List.of(new UserProperty(TelemetryProperties.SENT_TIME, sentTime)));
        }
        byte[] payload = TelemetryCodec.encode(Fixes.fix(VEHICLE, seq, Instant.now(), 46.05, 14.5 + seq * 1e-4));
        vehicle.publish(Topics.telemetry(TestUsers.FLEET, VEHICLE), payload, false, properties);
    }

    private PrometheusText scrape() throws Exception {
        return PrometheusText.scrape(tracker.httpBaseUri().resolve("/metrics"));
    }
}
