package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Credential;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.api.TrackerApiClient;
import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.SpeedSample;
import org.fleettracker.console.internal.model.TrailPoint;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.console.testing.MovingFleet;
import org.fleettracker.console.testing.TcpCut;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.tracker.api.Tracker;
import org.fleettracker.tracker.api.TrackerSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console loses the network while the real tracker and its vehicles keep running, then gets it back. The console
 * reaches the tracker's broker and HTTP API only through {@link TcpCut} proxies; the vehicles publish straight to the
 * broker, so the tracker stores their positions during the cut.
 *
 * <p>The fleet has {@code -Dresync.vehicles} vehicles, 200 by default; run 1,000 by hand with that property.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConsoleResyncIT {

    private static final Logger log = LoggerFactory.getLogger(ConsoleResyncIT.class);

    private static final int VEHICLES = Integer.getInteger("resync.vehicles", 200);
    private static final Path BASE_DIR = Path.of(System.getProperty("basedir", "."));
    private static final Path DEMO_USERS = BASE_DIR.resolve("../config/users.yaml");
    private static final String FLEET = ConsoleSettings.DEFAULT_FLEET_ID;
    private static final String PANIC_VEHICLE = MovingFleet.vehicleId(0);
    private static final Duration FIX_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CUT = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path folder;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private @Nullable Tracker tracker;
    private @Nullable MovingFleet fleet;
    private @Nullable TcpCut mqttCut;
    private @Nullable TcpCut apiCut;
    private @Nullable Stage stage;
    private @Nullable ConsoleView view;

    @BeforeEach
    void startToolkit() throws InterruptedException {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set and no Xvfb was found to start one");
        FxThread.startToolkit();
    }

    @AfterEach
    void closeAll() throws Exception {
        ConsoleView open = view;
        Stage shown = stage;
        if (open != null && shown != null) {
            FxThread.run(() -> {
                open.stop();
                shown.hide();
            });
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void cut_console_refills_trails_and_alerts() throws Exception {
        MovingFleet moving = startTrackerAndFleet(VEHICLES);
        // Session expiry 0: the broker queues nothing for the console, so the gap can only come from the history API.
        ConsoleView console = openConsole(consoleSettings().withSessionExpiry(Duration.ZERO), Credential.PASSWORD);
        awaitEveryTrail(console, 3);

        Instant cutStart = cutNetwork(console);
        moving.pressPanic(PANIC_VEHICLE);
        String alertId = awaitStoredPanic();
        awaitUntil(cutStart.plus(CUT));
        assertThat(FxThread.call(console::connectionState)).isNotEqualTo(ConnectionState.CONNECTED);
        Instant restored = restoreNetwork();

        // The retained states clear each vehicle's stale mark before the history refill ends.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(onFx(() -> console.staleVehicleCount() == 0));
        Duration unmarked = Duration.between(restored, Instant.now());
        await().atMost(WAIT).until(onFx(() -> console.lastResyncDuration() != null));
        Duration resync = requireNonNull(FxThread.call(console::lastResyncDuration));
        log.info(
                "With {} vehicles: no stale marks {} ms after the restore (reconnect delay included), refill applied {}"
                        + " ms after the CONNACK",
                VEHICLES,
                unmarked.toMillis(),
                resync.toMillis());
        assertThat(FxThread.call(console::staleVehicleCount)).isZero();
        assertThat(FxThread.call(console::staleText)).isEmpty();
        assertThat(FxThread.call(() -> vehiclesWithoutTrailIn(console.model(), cutStart, restored)))
                .isEmpty();
        assertThat(FxThread.call(() -> vehiclesWithoutSpeedIn(console.model(), cutStart, restored)))
                .isEmpty();
        await().atMost(WAIT).until(onFx(() -> alertCount(console.eventFeed(), alertId) > 0));
        assertThat(FxThread.call(() -> alertCount(console.eventFeed(), alertId)))
                .isEqualTo(1);
        assertThat(FxThread.call(() -> eventCount(console.eventFeed(), alertId)))
                .isEqualTo(1);
        screenshot("resync-after.png");
    }

    @Test
    void persistent_session_queues_events_during_cut() throws Exception {
        MovingFleet moving = startTrackerAndFleet(5);
        // The access-token login sends the password to the broker as it is, so connecting needs no HTTP API.
        ConsoleView console = openConsole(consoleSettings(), Credential.ACCESS_TOKEN);
        awaitEveryTrail(console, 2);

        cutNetwork(console);
        moving.pressPanic(PANIC_VEHICLE);
        String alertId = awaitStoredPanic();
        requireNonNull(mqttCut).restore();

        // The HTTP API stays cut, so neither the refill nor the open-alert read can bring the panic alert.
        await().atMost(WAIT).until(onFx(() -> console.connectionState() == ConnectionState.CONNECTED));
        await().atMost(WAIT).until(onFx(() -> alertCount(console.eventFeed(), alertId) > 0));
        assertThat(FxThread.call(() -> alertCount(console.eventFeed(), alertId)))
                .isEqualTo(1);
        requireNonNull(apiCut).restore();
        await().atMost(WAIT).until(onFx(() -> console.lastResyncDuration() != null));
        assertThat(FxThread.call(() -> eventCount(console.eventFeed(), alertId)))
                .isEqualTo(1);
    }

    private MovingFleet startTrackerAndFleet(int vehicles) throws Exception {
        TrackerSettings settings = TrackerSettings.builder()
                .mqttPort(0)
                .httpPort(0)
                .bindAddress("127.0.0.1")
                .dataDir(folder.resolve("tracker"))
                .usersFile(DEMO_USERS)
                .build();
        Tracker started = Tracker.start(settings);
        resources.add(started);
        tracker = started;
        MovingFleet vehiclesPublishing = MovingFleet.start(started.mqttServerUri(), FLEET, vehicles, FIX_INTERVAL);
        resources.add(vehiclesPublishing);
        fleet = vehiclesPublishing;
        TcpCut mqtt = TcpCut.start(URI.create(started.mqttServerUri()).getPort());
        resources.add(mqtt);
        mqttCut = mqtt;
        TcpCut api = TcpCut.start(started.httpPort());
        resources.add(api);
        apiCut = api;
        return vehiclesPublishing;
    }

    private ConsoleSettings consoleSettings() {
        return ConsoleSettings.of(
                        "tcp://127.0.0.1:" + requireNonNull(mqttCut).port(),
                        FLEET,
                        ConsoleSettings.DEFAULT_USERNAME,
                        ConsoleSettings.DEFAULT_PASSWORD)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withApiUrl(
                        URI.create("http://127.0.0.1:" + requireNonNull(apiCut).port()))
                .withDataDir(folder.resolve("console"));
    }

    private ConsoleView openConsole(ConsoleSettings settings, Credential credential) throws Exception {
        return FxThread.call(() -> {
            ConsoleView opened = new ConsoleView(settings, Clock.systemUTC(), credential);
            Stage window = new Stage();
            Scene scene = new Scene(opened.root(), 1200, 760);
            scene.getStylesheets().add(ConsoleView.stylesheet());
            window.setScene(scene);
            window.show();
            opened.start();
            view = opened;
            stage = window;
            return opened;
        });
    }

    /** Waits until the console lists every vehicle of the fleet, each with at least {@code points} trail points. */
    private void awaitEveryTrail(ConsoleView console, int points) {
        await().atMost(WAIT)
                .until(onFx(() -> console.model().size() == fleetSize()
                        && console.model().vehicles().stream()
                                .allMatch(track -> track.trail().size() >= points)));
    }

    private int fleetSize() {
        return requireNonNull(fleet).size();
    }

    /** Cuts the console's MQTT and HTTP connections and waits until it marks every vehicle stale. */
    private Instant cutNetwork(ConsoleView console) {
        Instant cutStart = Instant.now();
        requireNonNull(mqttCut).cut();
        requireNonNull(apiCut).cut();
        await().atMost(WAIT).until(onFx(() -> console.staleVehicleCount() == fleetSize()));
        return cutStart;
    }

    private Instant restoreNetwork() {
        Instant restored = Instant.now();
        requireNonNull(apiCut).restore();
        requireNonNull(mqttCut).restore();
        return restored;
    }

    /** Waits until the tracker has stored the panic alert, reading its API directly, and returns the alert's id. */
    private String awaitStoredPanic() throws IOException {
        TrackerApi direct = new TrackerApiClient(
                requireNonNull(tracker).httpBaseUri(),
                List.of(FLEET),
                ConsoleSettings.DEFAULT_USERNAME,
                ConsoleSettings.DEFAULT_PASSWORD,
                () -> null);
        await().atMost(WAIT).until(() -> panic(direct).isPresent());
        return panic(direct).orElseThrow().eventId();
    }

    private static Optional<FleetEvent> panic(TrackerApi api) throws IOException {
        return api.alerts(TrackerApi.AlertState.OPEN, 100).stream()
                .filter(alert -> alert.type().equals("panic") && PANIC_VEHICLE.equals(alert.vehicleId()))
                .findFirst();
    }

    private static void awaitUntil(Instant time) {
        Duration left = Duration.between(Instant.now(), time);
        if (left.isNegative()) {
            return;
        }
        await().pollDelay(left).atMost(left.plusSeconds(5)).until(() -> !Instant.now()
                .isBefore(time));
    }

    /** Returns the vehicles whose trail has no point with a fix time after {@code from} and before {@code to}. */
    private static List<String> vehiclesWithoutTrailIn(FleetModel model, Instant from, Instant to) {
        List<String> missing = new ArrayList<>();
        for (VehicleTrack track : model.vehicles()) {
            boolean inGap = track.trail().points().stream()
                    .map(TrailPoint::fixTime)
                    .anyMatch(time -> time.isAfter(from) && time.isBefore(to));
            if (!inGap) {
                missing.add(track.vehicleId());
            }
        }
        return missing;
    }

    /** Returns the vehicles without a speed sample with a fix time after {@code from} and before {@code to}. */
    private static List<String> vehiclesWithoutSpeedIn(FleetModel model, Instant from, Instant to) {
        List<String> missing = new ArrayList<>();
        for (VehicleTrack track : model.vehicles()) {
            boolean inGap = model.speedHistory().samples(track.vehicleId(), from).stream()
                    .map(SpeedSample::fixTime)
                    .anyMatch(time -> time.isAfter(from) && time.isBefore(to));
            if (!inGap) {
                missing.add(track.vehicleId());
            }
        }
        return missing;
    }

    private static long alertCount(EventFeed feed, String alertId) {
        return feed.alerts().stream()
                .filter(item -> item.alert().eventId().equals(alertId))
                .count();
    }

    private static long eventCount(EventFeed feed, String eventId) {
        return feed.latest(PANIC_VEHICLE, Integer.MAX_VALUE).stream()
                .filter(event -> event.eventId().equals(eventId))
                .count();
    }

    private void screenshot(String name) throws Exception {
        Path file = BASE_DIR.resolve("target/screenshots").resolve(name);
        Stage shown = requireNonNull(stage);

        FxThread.run(() -> Screenshots.write(shown.getScene(), file));

        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }

    private static <T> T requireNonNull(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("the test has not started this part yet");
        }
        return value;
    }

    private static Callable<Boolean> onFx(Callable<Boolean> condition) {
        return () -> FxThread.call(condition);
    }
}
