package org.fleettracker.console.api;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.testing.AlertRules;
import org.fleettracker.protocol.testing.PrometheusText;
import org.fleettracker.tracker.api.Tracker;
import org.fleettracker.tracker.api.TrackerSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's {@code --metrics-port} endpoint, scraped over HTTP while a real tracker with its embedded broker stops
 * and starts again, so that the connection, the outbox and the refill after the reconnect move the meters.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConsoleMetricsIT {

    private static final Path BASE_DIR = Path.of(System.getProperty("basedir", "."));
    private static final Path DEMO_USERS = BASE_DIR.resolve("../config/users.yaml");
    private static final String FLEET = ConsoleSettings.DEFAULT_FLEET_ID;
    private static final String VEHICLE = "metrics-van";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    private @Nullable ConsoleWindow window;
    private @Nullable ConsoleMetrics metrics;
    private @Nullable Tracker tracker;

    @AfterEach
    void closeAll() throws Exception {
        ConsoleWindow open = window;
        if (open != null) {
            FxThread.run(open::close);
        }
        if (metrics != null) {
            metrics.close();
        }
        stopTracker();
    }

    @Test
    void outage_moves_connection_outbox_and_resync_meters() throws Exception {
        assumeDisplay();
        TrackerSettings trackerSettings = trackerSettings();
        tracker = Tracker.start(trackerSettings);
        publishFix(trackerSettings);
        ConsoleMetrics served = ConsoleMetrics.serve("127.0.0.1", 0);
        metrics = served;
        URI uri = Objects.requireNonNull(served.uri());
        ConsoleWindow console = FxThread.call(
                () -> ConsoleWindow.open(new Stage(), consoleSettings(trackerSettings), Credential.PASSWORD, served));
        window = console;
        await().atMost(WAIT).until(() -> PrometheusText.scrape(uri).value("console_connected") == 1);

        PrometheusText connected = PrometheusText.scrape(uri);
        assertThat(connected.value("console_connects_total")).isEqualTo(1);
        assertThat(connected.value("console_reconnects_total")).isZero();
        assertThat(connected.value("console_connection_state", "state", "connected"))
                .isEqualTo(1);
        assertThat(connected.value("console_connection_state", "state", "disconnected"))
                .isZero();
        assertThat(connected.value("console_outbox_actions")).isZero();

        stopTracker();
        await().atMost(WAIT).until(() -> PrometheusText.scrape(uri).value("console_connected") == 0);
        OutboxEntry command = FxThread.call(
                () -> console.actions().sendCommand(VEHICLE, CommandType.MESSAGE, "call the depot", Map.of()));
        await().atMost(WAIT).until(() -> PrometheusText.scrape(uri).value("console_outbox_actions") == 1);
        PrometheusText offline = PrometheusText.scrape(uri);
        assertThat(command.status()).isEqualTo(OutboxEntry.Status.PENDING);
        assertThat(offline.value("console_disconnects_total")).isGreaterThanOrEqualTo(1);

        tracker = Tracker.start(trackerSettings);
        await().atMost(WAIT).until(() -> PrometheusText.scrape(uri).value("console_outbox_actions") == 0);
        await().atMost(WAIT).until(() -> PrometheusText.scrape(uri).value("console_resyncs_total") >= 1);
        PrometheusText after = PrometheusText.scrape(uri);
        assertThat(after.value("console_reconnects_total")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("console_outbox_results_total", "result", "sent"))
                .isEqualTo(1);
        assertThat(after.value("console_outbox_results_total", "result", "failed"))
                .isZero();
        assertThat(after.value("console_resync_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("console_connect_failures_total")).isGreaterThanOrEqualTo(1);
        assertThat(after.has("jvm_memory_used_bytes")).isTrue();
    }

    @Test
    void alert_rules_use_console_meter_names() throws Exception {
        try (ConsoleMetrics served = ConsoleMetrics.serve("127.0.0.1", 0)) {
            PrometheusText scrape = PrometheusText.scrape(Objects.requireNonNull(served.uri()));

            assertThat(scrape.sampleNames())
                    .containsAll(AlertRules.load(AlertRules.projectFile()).metricNamesStartingWith("console_"));
        }
    }

    private void stopTracker() {
        Tracker running = tracker;
        tracker = null;
        if (running != null) {
            running.close();
        }
    }

    private TrackerSettings trackerSettings() throws IOException {
        return TrackerSettings.builder()
                .mqttPort(freePort())
                .httpPort(freePort())
                .bindAddress("127.0.0.1")
                .dataDir(folder.resolve("tracker"))
                .usersFile(DEMO_USERS)
                .build();
    }

    private ConsoleSettings consoleSettings(TrackerSettings trackerSettings) {
        return ConsoleSettings.of(
                        "tcp://127.0.0.1:" + trackerSettings.mqttPort(),
                        FLEET,
                        ConsoleSettings.DEFAULT_USERNAME,
                        ConsoleSettings.DEFAULT_PASSWORD)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withApiUrl(URI.create("http://127.0.0.1:" + trackerSettings.httpPort()))
                .withTileUrl(null)
                .withDataDir(folder.resolve("console"));
    }

    /** Publishes one fix of {@link #VEHICLE}, so that the console shows a vehicle to refill after a reconnect. */
    private static void publishFix(TrackerSettings settings) throws Exception {
        MqttClient vehicle = new MqttClient("tcp://127.0.0.1:" + settings.mqttPort(), VEHICLE, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("demo-vehicles");
        options.setPassword("vehicle-demo".getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(10);
        vehicle.connect(options);
        try {
            Telemetry fix = new Telemetry(
                    VEHICLE, 1, Instant.now().minusSeconds(1), 52.52, 13.40, 20, 90, null, 5.0, null, true, null, null);
            vehicle.publish(Topics.telemetry(FLEET, VEHICLE), Json.encode(fix), 1, false);
        } finally {
            vehicle.disconnect();
            vehicle.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void assumeDisplay() throws InterruptedException {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set and no Xvfb was found to start one");
        FxThread.startToolkit();
    }
}
