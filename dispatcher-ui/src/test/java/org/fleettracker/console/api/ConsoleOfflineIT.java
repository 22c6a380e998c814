package org.fleettracker.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.fleettracker.console.internal.api.CommandRequest;
import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.api.TrackerApiClient;
import org.fleettracker.console.internal.api.WriteResult;
import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.outbox.Outbox;
import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.api.Tracker;
import org.fleettracker.tracker.api.TrackerSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's outbox across a tracker outage and a console restart, so actions taken offline reach the tracker
 * exactly once after it comes back. The real tracker runs with its embedded broker on fixed ports and its H2
 * database in a temporary folder.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConsoleOfflineIT {

    private static final Logger log = LoggerFactory.getLogger(ConsoleOfflineIT.class);

    private static final Path BASE_DIR = Path.of(System.getProperty("basedir", "."));
    private static final Path DEMO_USERS = BASE_DIR.resolve("../config/users.yaml");
    private static final String FLEET = ConsoleSettings.DEFAULT_FLEET_ID;
    private static final String VEHICLE = "van-1";
    private static final String VEHICLE_USER = "demo-vehicles";
    private static final String VEHICLE_PASSWORD = "vehicle-demo";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private @Nullable ConsoleWindow window;
    private @Nullable Tracker tracker;
    private long seq;

    @AfterEach
    void closeAll() throws Exception {
        closeWindow();
        stopTracker();
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void offline_actions_reach_the_tracker_once() throws Exception {
        assumeDisplay();
        TrackerSettings trackerSettings = trackerSettings();
        startTracker(trackerSettings);
        ConsoleSettings consoleSettings = consoleSettings(trackerSettings);
        ConsoleWindow first = openWindow(consoleSettings);
        await().atMost(WAIT).until(onFx(() -> first.connectionState() == ConnectionState.CONNECTED));

        publishFix(trackerSettings, true);
        await().atMost(WAIT).until(onFx(() -> !first.eventFeed().alerts().isEmpty()));
        EventFeed.AlertItem shown =
                FxThread.call(() -> first.eventFeed().alerts().get(0));
        String alertId = shown.alert().eventId();
        assertThat(shown.alert().type()).isEqualTo("panic");
        assertThat(shown.isAcknowledged()).isFalse();

        stopTracker();
        await().atMost(WAIT).until(onFx(() -> first.connectionState() != ConnectionState.CONNECTED));
        OutboxEntry acknowledgement = FxThread.call(() -> first.actions().acknowledgeAlert(alertId, "driver called"));
        OutboxEntry command = FxThread.call(
                () -> first.actions().sendCommand(VEHICLE, CommandType.MESSAGE, "call the depot", Map.of()));
        assertThat(acknowledgement.status()).isEqualTo(OutboxEntry.Status.PENDING);
        assertThat(command.status()).isEqualTo(OutboxEntry.Status.PENDING);
        await().atMost(WAIT).until(onFx(() -> first.outboxText().equals("outbox: 2 pending")));
        closeWindow();

        ConsoleWindow second = openWindow(consoleSettings);
        await().atMost(WAIT).until(onFx(() -> second.outboxText().equals("outbox: 2 pending")));
        assertThat(statuses(second)).containsExactly(OutboxEntry.Status.PENDING, OutboxEntry.Status.PENDING);
        assertThat(FxThread.call(() -> second.actions().entries()))
                .extracting(OutboxEntry::key)
                .containsExactly(acknowledgement.key(), command.key());
        screenshot(second, "console-offline-outbox-pending.png");

        startTracker(trackerSettings);
        await().atMost(WAIT)
                .until(() -> statuses(second).equals(List.of(OutboxEntry.Status.SENT, OutboxEntry.Status.SENT)));

        JsonNode alert = getJson(trackerSettings, "/api/v1/events/" + alertId);
        assertThat(alert.path("acknowledgedBy").asText()).isEqualTo(ConsoleSettings.DEFAULT_USERNAME);
        assertThat(alert.path("note").asText()).isEqualTo("driver called");
        assertThat(acknowledgedEvents(trackerSettings, alertId)).isEqualTo(1);
        assertThat(commandsWithId(trackerSettings, command.key())).isEqualTo(1);
        await().atMost(WAIT).until(onFx(() -> second.outboxText().isEmpty()));
        // The restarted console gets the acknowledgement live from the events topic.
        await().atMost(WAIT).until(onFx(() -> second.eventFeed().latest(VEHICLE, 50).stream()
                .anyMatch(event -> event.type().equals("alert-acknowledged")
                        && alertId.equals(event.attributes().get("alertId")))));
        // Its open-alert read at connect may run before or after the acknowledgement; either way the alert ends
        // up acknowledged or not listed, never open.
        await().atMost(WAIT).until(onFx(() -> second.eventFeed().alerts().stream()
                .noneMatch(item -> item.alert().eventId().equals(alertId) && !item.isAcknowledged())));
    }

    @Test
    void restarted_console_lists_alerts_raised_while_away() throws Exception {
        assumeDisplay();
        TrackerSettings trackerSettings = trackerSettings();
        startTracker(trackerSettings);
        // Session expiry 0: the broker queues nothing for the closed console, so only the open-alert read lists it.
        ConsoleSettings consoleSettings = consoleSettings(trackerSettings).withSessionExpiry(Duration.ZERO);
        ConsoleWindow first = openWindow(consoleSettings);
        await().atMost(WAIT).until(onFx(() -> first.connectionState() == ConnectionState.CONNECTED));
        closeWindow();

        publishFix(trackerSettings, true);
        String alertId = awaitOpenAlert(trackerSettings);
        ConsoleWindow second = openWindow(consoleSettings);

        await().atMost(WAIT).until(onFx(() -> !second.eventFeed().alerts().isEmpty()));
        List<EventFeed.AlertItem> shown = FxThread.call(() -> second.eventFeed().alerts());
        assertThat(shown).extracting(item -> item.alert().eventId()).containsExactly(alertId);
        assertThat(shown.get(0).alert().type()).isEqualTo("panic");
        assertThat(shown.get(0).isAcknowledged()).isFalse();
    }

    @Test
    void reconnect_refills_and_clears_stale_marks() throws Exception {
        assumeDisplay();
        TrackerSettings trackerSettings = trackerSettings();
        startTracker(trackerSettings);
        publishFix(trackerSettings, false);
        ConsoleWindow console = openWindow(consoleSettings(trackerSettings));
        await().atMost(WAIT).until(onFx(() -> console.vehicleRowCount() == 1));

        stopTracker();
        await().atMost(WAIT).until(onFx(() -> console.staleVehicleCount() == 1));
        startTracker(trackerSettings);
        publishFix(trackerSettings, false);

        await().atMost(WAIT).until(onFx(() -> console.lastResyncDuration().isPresent()));
        Duration refill = FxThread.call(() -> console.lastResyncDuration().orElseThrow());
        log.info("Fresh picture {} ms after the reconnect", refill.toMillis());
        assertThat(FxThread.call(console::staleVehicleCount)).isZero();
        assertThat(FxThread.call(console::staleText)).isEmpty();
        assertThat(refill).isLessThan(Duration.ofSeconds(10));
        screenshot(console, "console-offline-after-reconnect.png");
    }

    @Test
    void repeat_after_a_lost_response_is_applied_once() throws Exception {
        TrackerSettings trackerSettings = trackerSettings();
        startTracker(trackerSettings);
        publishFix(trackerSettings, true);
        TrackerApiClient api = new TrackerApiClient(
                apiUrl(trackerSettings),
                List.of(FLEET),
                ConsoleSettings.DEFAULT_USERNAME,
                ConsoleSettings.DEFAULT_PASSWORD,
                () -> null);
        await().atMost(WAIT)
                .until(() -> !api.alerts(TrackerApi.AlertState.OPEN, 10).isEmpty());
        String alertId = api.alerts(TrackerApi.AlertState.OPEN, 10).get(0).eventId();
        ResponseLosingApi losing = new ResponseLosingApi(api);
        Outbox outbox = new Outbox(
                folder.resolve("outbox"),
                losing,
                () -> true,
                Clock.systemUTC(),
                Duration.ofMillis(100),
                Duration.ofMillis(500));
        resources.add(outbox);

        OutboxEntry acknowledgement = outbox.acknowledgeAlert(alertId, null);
        OutboxEntry command = outbox.sendCommand(VEHICLE, CommandType.MESSAGE, "hello", Map.of());
        OutboxEntry job = outbox.createJob(VEHICLE, List.of(stop()));
        outbox.start();

        await().atMost(WAIT).until(() -> outbox.pendingCount() == 0);
        assertThat(outbox.entries()).extracting(OutboxEntry::status).containsOnly(OutboxEntry.Status.SENT);
        assertThat(losing.calls.get()).isEqualTo(6);
        assertThat(acknowledgedEvents(trackerSettings, alertId)).isEqualTo(1);
        assertThat(commandsWithId(trackerSettings, command.key())).isEqualTo(1);
        assertThat(getJson(trackerSettings, "/api/v1/jobs/" + job.key())
                        .path("jobId")
                        .asText())
                .isEqualTo(job.key());
        assertThat(getJson(trackerSettings, "/api/v1/jobs?vehicleId=" + VEHICLE)
                        .path("items")
                        .size())
                .isEqualTo(1);
        assertThat(acknowledgement.key()).isEqualTo(alertId);
    }

    /** Waits until the tracker lists an open alert, reading its API directly, and returns the alert's id. */
    private static String awaitOpenAlert(TrackerSettings settings) throws IOException {
        TrackerApiClient api = new TrackerApiClient(
                apiUrl(settings),
                List.of(FLEET),
                ConsoleSettings.DEFAULT_USERNAME,
                ConsoleSettings.DEFAULT_PASSWORD,
                () -> null);
        await().atMost(WAIT)
                .until(() -> !api.alerts(TrackerApi.AlertState.OPEN, 10).isEmpty());
        return api.alerts(TrackerApi.AlertState.OPEN, 10).get(0).eventId();
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
                .withApiUrl(apiUrl(trackerSettings))
                .withDataDir(folder.resolve("console"));
    }

    private static URI apiUrl(TrackerSettings trackerSettings) {
        return URI.create("http://127.0.0.1:" + trackerSettings.httpPort());
    }

    private void startTracker(TrackerSettings settings) {
        tracker = Tracker.start(settings);
    }

    private void stopTracker() {
        Tracker running = tracker;
        tracker = null;
        if (running != null) {
            running.close();
        }
    }

    private ConsoleWindow openWindow(ConsoleSettings settings) throws Exception {
        ConsoleWindow opened = FxThread.call(() -> ConsoleWindow.open(new Stage(), settings));
        window = opened;
        return opened;
    }

    private void closeWindow() throws Exception {
        ConsoleWindow open = window;
        window = null;
        if (open != null) {
            FxThread.run(open::close);
        }
    }

    /** Publishes one fix of {@link #VEHICLE} as the vehicle does, with the panic button pressed or not. */
    private void publishFix(TrackerSettings settings, boolean panic) throws Exception {
        MqttClient vehicle = new MqttClient("tcp://127.0.0.1:" + settings.mqttPort(), VEHICLE, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(VEHICLE_USER);
        options.setPassword(VEHICLE_PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(10);
        vehicle.connect(options);
        try {
            seq++;
            Telemetry fix = new Telemetry(
                    VEHICLE,
                    seq,
                    Instant.now().minusSeconds(1),
                    52.52,
                    13.40,
                    20,
                    90,
                    null,
                    5.0,
                    null,
                    true,
                    null,
                    panic);
            vehicle.publish(Topics.telemetry(FLEET, VEHICLE), Json.encode(fix), 1, false);
        } finally {
            vehicle.disconnect();
            vehicle.close();
        }
    }

    private static List<OutboxEntry.Status> statuses(ConsoleWindow console) throws Exception {
        return FxThread.call(() ->
                console.actions().entries().stream().map(OutboxEntry::status).toList());
    }

    private static long acknowledgedEvents(TrackerSettings settings, String alertId) throws Exception {
        JsonNode items = getJson(settings, "/api/v1/events?fleetId=" + FLEET + "&type=alert-acknowledged")
                .path("items");
        long count = 0;
        for (JsonNode item : items) {
            if (alertId.equals(item.path("attributes").path("alertId").asText())) {
                count++;
            }
        }
        return count;
    }

    private static long commandsWithId(TrackerSettings settings, String commandId) throws Exception {
        JsonNode items =
                getJson(settings, "/api/v1/vehicles/" + VEHICLE + "/commands").path("items");
        long count = 0;
        for (JsonNode item : items) {
            if (commandId.equals(item.path("commandId").asText())) {
                count++;
            }
        }
        return count;
    }

    private static JsonNode getJson(TrackerSettings settings, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl(settings) + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static JobStop stop() {
        return new JobStop("s-1", JobStopKind.DROP_OFF, "Customer", 52.53, 13.41, 50, null, null);
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

    private static Callable<Boolean> onFx(Callable<Boolean> condition) {
        return () -> FxThread.call(condition);
    }

    private static void screenshot(ConsoleWindow console, String name) throws Exception {
        Path file = BASE_DIR.resolve("target/screenshots").resolve(name);

        FxThread.run(() -> console.saveScreenshot(file));

        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }

    /**
     * Passes each write to the tracker and throws away the response of the first attempt of each key. A connection
     * that drops after the request arrived has the same effect. Reads pass through.
     */
    private static final class ResponseLosingApi implements TrackerApi {

        private final TrackerApi tracker;
        private final List<String> lostOnce = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        ResponseLosingApi(TrackerApi tracker) {
            this.tracker = tracker;
        }

        @Override
        public List<HistoryPosition> positions(String vehicleId, Instant from, Instant to, int maxPositions)
                throws IOException {
            return tracker.positions(vehicleId, from, to, maxPositions);
        }

        @Override
        public List<FleetEvent> events(@Nullable String vehicleId, Instant from, Instant to, int limit)
                throws IOException {
            return tracker.events(vehicleId, from, to, limit);
        }

        @Override
        public List<FleetEvent> alerts(AlertState state, int limit) throws IOException {
            return tracker.alerts(state, limit);
        }

        @Override
        public WriteResult acknowledgeAlert(String eventId, @Nullable String note) throws IOException {
            return loseFirst(eventId, tracker.acknowledgeAlert(eventId, note));
        }

        @Override
        public WriteResult sendCommand(String vehicleId, CommandRequest request) throws IOException {
            return loseFirst(request.commandId(), tracker.sendCommand(vehicleId, request));
        }

        @Override
        public WriteResult createJob(Job job) throws IOException {
            return loseFirst(job.jobId(), tracker.createJob(job));
        }

        private synchronized WriteResult loseFirst(String key, WriteResult result) throws IOException {
            calls.incrementAndGet();
            if (!lostOnce.contains(key)) {
                lostOnce.add(key);
                throw new IOException("response of " + key + " lost (status " + result.statusCode() + ")");
            }
            return result;
        }
    }
}
