package org.fleettracker.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.Playback;
import org.fleettracker.console.internal.model.PlaybackRangeChoice;
import org.fleettracker.console.internal.model.PlaybackSpeed;
import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.console.internal.ui.ConsoleViewDriver;
import org.fleettracker.console.internal.ui.ConsoleViewDriver.AlertLine;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.console.testing.LoopRoute;
import org.fleettracker.console.testing.TourFleet;
import org.fleettracker.console.testing.TourVehicle;
import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.tracker.api.Tracker;
import org.fleettracker.tracker.api.TrackerSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tour of every console view with live data. The real tracker runs with its embedded broker, H2 in a temporary
 * folder and its HTTP API. Six vehicles on their own MQTT connections publish ten minutes of past fixes and then
 * live ones, and the console window runs under Xvfb. Each view is driven through its controls, checked, and saved as
 * {@code target/screenshots/tour-*.png}.
 *
 * <p>The vehicles drive loops around Ljubljana: {@code van-01} answers commands and takes the job, {@code van-03}
 * stands with the ignition off, {@code van-04} drives above the tracker's 110 km/h limit, the driver of {@code
 * van-05} pressed the panic button six minutes ago, and {@code van-06} goes offline after its past fixes.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConsoleTourIT {

    private static final Logger log = LoggerFactory.getLogger(ConsoleTourIT.class);

    private static final Path BASE_DIR = Path.of(System.getProperty("basedir", "."));
    private static final Path DEMO_USERS = BASE_DIR.resolve("../config/users.yaml");
    private static final Path SCREENSHOTS = BASE_DIR.resolve("target/screenshots");
    private static final String FLEET = ConsoleSettings.DEFAULT_FLEET_ID;
    private static final String JOB_VEHICLE = "van-01";
    private static final String STOPPED_VEHICLE = "van-03";
    private static final String SPEEDING_VEHICLE = "van-04";
    private static final String PANIC_VEHICLE = "van-05";
    private static final String OFFLINE_VEHICLE = "van-06";
    private static final int VEHICLES = 6;
    private static final Duration PAST = Duration.ofMinutes(10);
    private static final Duration PAST_STEP = Duration.ofSeconds(5);
    private static final Duration LIVE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration SWING_PERIOD = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    private final Instant startTime = Instant.now();
    private @Nullable Tracker tracker;
    private @Nullable TourFleet fleet;
    private @Nullable ConsoleWindow window;

    @AfterEach
    void closeAll() throws Exception {
        ConsoleWindow open = window;
        if (open != null) {
            FxThread.run(open::close);
        }
        if (fleet != null) {
            fleet.close();
        }
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void every_view_shows_live_tracker_data() throws Exception {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set; run the build under xvfb-run -a to include it");
        FxThread.startToolkit();
        Tracker started = Tracker.start(TrackerSettings.builder()
                .mqttPort(0)
                .httpPort(0)
                .bindAddress("127.0.0.1")
                .dataDir(folder.resolve("tracker"))
                .usersFile(DEMO_USERS)
                .build());
        tracker = started;
        ConsoleWindow console = openConsole(started);
        // Events are not retained, so the console must listen before the vehicles raise any.
        await().atMost(WAIT).until(onFx(() -> console.connectionState() == ConnectionState.CONNECTED));
        ConsoleViewDriver driver = FxThread.call(() -> ConsoleViewDriver.of(console.view()));
        TourVehicle jobVehicle = startFleet(started.mqttServerUri());

        tourMap(console, driver);
        tourVehicles(console, driver);
        tourAlerts(console, driver);
        tourDispatch(console, driver, jobVehicle);
        tourHistory(console, driver);
        tourDarkTheme(console, driver);
    }

    private ConsoleWindow openConsole(Tracker started) throws Exception {
        ConsoleSettings settings = ConsoleSettings.of(
                        started.mqttServerUri(),
                        FLEET,
                        ConsoleSettings.DEFAULT_USERNAME,
                        ConsoleSettings.DEFAULT_PASSWORD)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withApiUrl(started.httpBaseUri())
                .withDataDir(folder.resolve("console"))
                .withTileUrl(null)
                .withWindowSize(1400, 1000);
        ConsoleWindow opened = FxThread.call(() -> ConsoleWindow.open(new Stage(), settings));
        window = opened;
        return opened;
    }

    /** Connects the six vehicles, publishes their past fixes and starts the live ones; returns the job vehicle. */
    private TourVehicle startFleet(String serverUri) throws Exception {
        TourFleet started = new TourFleet();
        fleet = started;
        TourVehicle jobVehicle = started.add(vehicle(serverUri, JOB_VEHICLE, loop(46.0560, 14.5000, 350, 45, 15)));
        TourVehicle second = started.add(vehicle(serverUri, "van-02", loop(46.0480, 14.5150, 500, 35, 10)));
        TourVehicle stopped = started.add(TourVehicle.connect(
                serverUri, FLEET, STOPPED_VEHICLE, LoopRoute.standing(46.0530, 14.5080, startTime), false));
        TourVehicle speeding = started.add(vehicle(serverUri, SPEEDING_VEHICLE, loop(46.0450, 14.4950, 900, 125, 5)));
        TourVehicle panic = started.add(vehicle(serverUri, PANIC_VEHICLE, loop(46.0600, 14.5180, 300, 30, 10)));
        TourVehicle offline = started.add(vehicle(serverUri, OFFLINE_VEHICLE, loop(46.0620, 14.4950, 400, 40, 5)));
        jobVehicle.answerCommands();
        panic.pressPanicAt(startTime.minus(Duration.ofMinutes(6)));

        started.publishPast(startTime, PAST, PAST_STEP);
        offline.goOffline();
        started.startLive(List.of(jobVehicle, second, stopped, speeding, panic), LIVE_INTERVAL);
        // The speed chart and the history read the stored fixes, so the tour starts when the tracker has them all.
        int pastFixes = pastFixCount();
        for (TourVehicle each : List.of(jobVehicle, second, stopped, speeding, panic, offline)) {
            await().atMost(WAIT).until(() -> storedPositions(each.vehicleId()) >= pastFixes);
        }
        log.info("Tour fleet of {} vehicles publishes live fixes", VEHICLES);
        return jobVehicle;
    }

    /** Checks the map: every vehicle coloured by status, with trails from the live states. */
    private void tourMap(ConsoleWindow console, ConsoleViewDriver driver) throws Exception {
        await().atMost(WAIT)
                .until(onFx(() -> console.vehicleRowCount() == VEHICLES
                        && driver.vehicleCounts().equals("6 vehicles: 4 moving, 1 stopped, 1 offline")));
        // Five live vehicles, each with several states, draw visible trails.
        await().atMost(WAIT).until(onFx(() -> console.trailPointCount() >= 5 * 8));

        assertThat(FxThread.call(console::drawnMarkerCount)).isEqualTo(VEHICLES);
        assertThat(FxThread.call(console::staleVehicleCount)).isZero();
        assertThat(FxThread.call(console::malformedMessageCount)).isZero();
        screenshot(console, "tour-map.png");
    }

    /** Selects the panic vehicle and checks its speed chart from the stored history and its events. */
    private void tourVehicles(ConsoleWindow console, ConsoleViewDriver driver) throws Exception {
        FxThread.run(() -> {
            driver.showTab("Vehicles");
            console.selectVehicle(PANIC_VEHICLE);
            // Six vehicles need few rows, so the dispatcher drags the divider up to see the whole details.
            driver.moveVehiclesDivider(0.3);
        });

        await().atMost(WAIT).until(onFx(() -> driver.speedChartNote().startsWith("filled from ")));
        await().atMost(WAIT).until(onFx(() -> driver.vehicleEventLines().stream()
                .anyMatch(line -> line.contains("panic-cleared"))));

        int stored = Integer.parseInt(FxThread.call(driver::speedChartNote).split(" ")[2]);
        assertThat(stored).isGreaterThanOrEqualTo(pastFixCount());
        // The chart keeps one sample per minimum spacing, fewer than the fixes stored.
        assertThat(FxThread.call(driver::speedChartSampleCount))
                .isGreaterThanOrEqualTo((int) PAST.dividedBy(ConsoleConfig.SPEED_SAMPLE_MIN_SPACING));
        assertThat(FxThread.call(driver::selectedVehicleId)).isEqualTo(PANIC_VEHICLE);
        assertThat(FxThread.call(() -> driver.vehicleField("Status"))).isEqualTo("moving");
        assertThat(FxThread.call(driver::vehicleEventLines))
                .anySatisfy(line -> assertThat(line).contains("panic (critical alert)"));
        screenshot(console, "tour-vehicles.png");
    }

    /** Checks the tracker's alerts in the Alerts tab and acknowledges the panic alert from the console. */
    private void tourAlerts(ConsoleWindow console, ConsoleViewDriver driver) throws Exception {
        FxThread.run(() -> driver.showTab("Alerts"));
        await().atMost(WAIT)
                .until(onFx(() -> alertTypes(driver).containsAll(List.of("panic", "overspeed", "offline"))));
        AlertLine panic = FxThread.call(() -> alertOfType(driver, "panic"));
        assertThat(panic.vehicleId()).isEqualTo(PANIC_VEHICLE);
        assertThat(panic.open()).isTrue();
        assertThat(FxThread.call(() -> alertOfType(driver, "overspeed").vehicleId()))
                .isEqualTo(SPEEDING_VEHICLE);
        assertThat(FxThread.call(() -> alertOfType(driver, "offline").vehicleId()))
                .isEqualTo(OFFLINE_VEHICLE);
        int openBefore = FxThread.call(
                () -> (int) driver.alerts().stream().filter(AlertLine::open).count());

        FxThread.run(() -> driver.acknowledgeAlert(panic.eventId(), "driver called back"));

        await().atMost(WAIT).until(onFx(() -> !alertOfType(driver, "panic").open()));
        assertThat(FxThread.call(() -> alertOfType(driver, "panic").stateText()))
                .startsWith("acknowledged by dispatcher");
        assertThat(FxThread.call(driver::alertsTabTitle)).isEqualTo("Alerts (" + (openBefore - 1) + ")");
        JsonNode stored = getJson("/api/v1/events/" + panic.eventId());
        assertThat(stored.path("acknowledgedBy").asText()).isEqualTo(ConsoleSettings.DEFAULT_USERNAME);
        assertThat(stored.path("note").asText()).isEqualTo("driver called back");
        assertThat(acknowledgementsOf(panic.eventId())).isEqualTo(1);
        screenshot(console, "tour-alerts.png");
    }

    /**
     * Creates a job of three stops clicked on the map ahead of {@code van-01} on its loop and checks that the vehicle
     * accepts it and finishes the first stop. Then sends a text message and checks that the vehicle acknowledges it.
     */
    private void tourDispatch(ConsoleWindow console, ConsoleViewDriver driver, TourVehicle vehicle) throws Exception {
        FxThread.run(() -> {
            console.selectVehicle(JOB_VEHICLE);
            driver.showTab("Dispatch");
        });
        Instant now = Instant.now();
        List<GeoPoint> stops = new ArrayList<>();
        for (int aheadS : List.of(12, 45, 80)) {
            LoopRoute.Point point = vehicle.route().at(now.plusSeconds(aheadS));
            stops.add(new GeoPoint(point.latitudeDeg(), point.longitudeDeg()));
        }

        FxThread.run(() -> driver.addStops(stops, "40"));
        assertThat(FxThread.call(driver::draftStopCount)).isEqualTo(3);
        assertThat(FxThread.call(driver::drawnStopCount)).isEqualTo(3);
        FxThread.run(driver::createJob);

        assertThat(FxThread.call(driver::dispatchErrors)).isEmpty();
        OutboxEntry job = FxThread.call(() -> onlyEntry(console, OutboxEntry.Kind.JOB));
        await().atMost(WAIT)
                .until(() -> jobStatus(job.key()).equals("accepted")
                        || jobStatus(job.key()).equals("in-progress"));
        assertThat(vehicle.commands()).extracting(Command::type).contains(CommandType.ASSIGN_JOB);
        await().atMost(WAIT).until(onFx(() -> driver.jobStatusLines()
                .contains("Current job " + job.key() + ": 1 of 3 stops done")));
        JsonNode stored = getJson("/api/v1/jobs/" + job.key());
        assertThat(stored.path("stops").size()).isEqualTo(3);
        assertThat(stored.path("stops").get(0).path("departedTime").isTextual()).isTrue();
        assertThat(FxThread.call(driver::jobStatusLines)).contains("Job " + job.key() + ": sent");

        // One FX call: the outbox may send the command before a second call could read the row.
        String firstRow = FxThread.call(() -> {
            driver.sendMessage("Please call the depot");
            return driver.commandRows().get(0);
        });
        OutboxEntry message = FxThread.call(() -> onlyEntry(console, OutboxEntry.Kind.COMMAND));
        await().atMost(WAIT).until(onFx(() -> driver.commandRows().get(0).endsWith(": acknowledged")));

        assertThat(firstRow).endsWith(JOB_VEHICLE + "  message \"Please call the depot\": pending (outbox)");
        JsonNode command = getJson("/api/v1/commands/" + message.key());
        assertThat(command.path("status").asText()).isEqualTo("acknowledged");
        List<String> steps = new ArrayList<>();
        command.path("steps").forEach(step -> steps.add(step.path("status").asText()));
        assertThat(steps).containsSubsequence("created", "published", "delivered", "acknowledged");
        assertThat(vehicle.commands())
                .filteredOn(received -> received.commandId().equals(message.key()))
                .extracting(Command::text)
                .containsOnly("Please call the depot");
        screenshot(console, "tour-dispatch.png");
    }

    /** Replays the stored positions of {@code van-01} in the History tab and checks the chart cursor. */
    private void tourHistory(ConsoleWindow console, ConsoleViewDriver driver) throws Exception {
        FxThread.run(() -> driver.showTab("History"));

        assertThat(FxThread.call(() -> driver.loadHistory(PlaybackRangeChoice.LAST_15_MIN)))
                .isTrue();
        await().atMost(WAIT).until(onFx(() -> !driver.isHistoryLoading() && driver.playback() != null));
        Playback playback = Objects.requireNonNull(FxThread.call(driver::playback));
        assertThat(playback.fixes()).hasSizeGreaterThan(pastFixCount());
        assertThat(FxThread.call(driver::historyMessage))
                .startsWith(playback.fixes().size() + " positions of " + JOB_VEHICLE);
        Instant seekTime = startTime.minus(PAST.dividedBy(2));
        FxThread.run(() -> driver.replayFrom(seekTime, PlaybackSpeed.X60));
        // At 60x the replay passes a minute of history in about a second.
        await().atMost(WAIT).until(onFx(() -> playback.currentTime().isAfter(seekTime.plusSeconds(60))));
        FxThread.run(driver::pauseReplay);

        Instant replayTime = FxThread.call(playback::currentTime);
        assertThat(replayTime).isBefore(startTime);
        assertThat(FxThread.call(driver::historyChartCursor))
                .isEqualTo(Instant.ofEpochSecond(replayTime.getEpochSecond()));
        assertThat(FxThread.call(playback::currentPosition)).isPresent();
        screenshot(console, "tour-history.png");
    }

    /** Switches to View > Theme > Dark and shows the Vehicles tab. */
    private void tourDarkTheme(ConsoleWindow console, ConsoleViewDriver driver) throws Exception {
        FxThread.run(() -> {
            menuItem(console, "menu-theme-dark").fire();
            driver.showTab("Vehicles");
        });

        assertThat(FxThread.call(() -> console.settings().theme())).isEqualTo(Theme.DARK);
        assertThat(FxThread.call(() -> console.scene().getStylesheets()))
                .anySatisfy(sheet -> assertThat(sheet).contains("dark"));
        assertThat(FxThread.call(console::vehicleRowCount)).isEqualTo(VEHICLES);
        screenshot(console, "tour-dark.png");
    }

    private TourVehicle vehicle(String serverUri, String vehicleId, LoopRoute route) throws Exception {
        return TourVehicle.connect(serverUri, FLEET, vehicleId, route, true);
    }

    private LoopRoute loop(
            double latitudeDeg, double longitudeDeg, double radiusM, double meanSpeedKmh, double swingKmh) {
        return new LoopRoute(latitudeDeg, longitudeDeg, radiusM, meanSpeedKmh, swingKmh, SWING_PERIOD, startTime);
    }

    private static int pastFixCount() {
        return (int) (PAST.toSeconds() / PAST_STEP.toSeconds());
    }

    private int storedPositions(String vehicleId) throws Exception {
        Instant from = startTime.minus(PAST).minusSeconds(1);
        return getJson("/api/v1/vehicles/" + vehicleId + "/positions?limit=10000&from=" + from)
                .path("positions")
                .size();
    }

    private static List<String> alertTypes(ConsoleViewDriver driver) {
        return driver.alerts().stream().map(AlertLine::type).toList();
    }

    private static AlertLine alertOfType(ConsoleViewDriver driver, String type) {
        return driver.alerts().stream()
                .filter(alert -> alert.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " alert in " + driver.alerts()));
    }

    private static OutboxEntry onlyEntry(ConsoleWindow console, OutboxEntry.Kind kind) {
        List<OutboxEntry> entries = console.actions().entries().stream()
                .filter(entry -> entry.kind() == kind)
                .toList();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private String jobStatus(String jobId) throws Exception {
        return getJson("/api/v1/jobs/" + jobId).path("status").asText();
    }

    private long acknowledgementsOf(String alertId) throws Exception {
        JsonNode items = getJson("/api/v1/events?fleetId=" + FLEET + "&type=alert-acknowledged")
                .path("items");
        long count = 0;
        for (JsonNode item : items) {
            if (alertId.equals(item.path("attributes").path("alertId").asText())) {
                count++;
            }
        }
        return count;
    }

    private JsonNode getJson(String path) throws Exception {
        URI uri = Objects.requireNonNull(tracker).httpBaseUri().resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static MenuItem menuItem(ConsoleWindow console, String id) {
        MenuBar bar = (MenuBar) ((BorderPane) console.scene().getRoot()).getTop();
        for (Menu menu : bar.getMenus()) {
            for (MenuItem item : allItems(menu)) {
                if (id.equals(item.getId())) {
                    return item;
                }
            }
        }
        throw new AssertionError("no menu item with id " + id);
    }

    private static List<MenuItem> allItems(Menu menu) {
        List<MenuItem> items = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            items.add(item);
            if (item instanceof Menu submenu) {
                items.addAll(allItems(submenu));
            }
        }
        return items;
    }

    private static Callable<Boolean> onFx(Callable<Boolean> condition) {
        return () -> FxThread.call(condition);
    }

    private static void screenshot(ConsoleWindow console, String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name);

        FxThread.run(() -> console.saveScreenshot(file));

        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }
}
