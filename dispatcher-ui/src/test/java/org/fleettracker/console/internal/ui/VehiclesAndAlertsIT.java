package org.fleettracker.console.internal.ui;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.console.testing.DemoFleet;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Vehicles and Alerts tabs of a real console view under a display, with live states from an in-process broker
 * and in-test fakes for the event feed, the outbox and the tracker's history. Screenshots land in
 * {@code target/screenshots}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class VehiclesAndAlertsIT {

    private static final int VEHICLES = 12;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    @TempDir
    Path dataDir;

    private final InMemoryEventFeed feed = new InMemoryEventFeed();
    private final RecordingConsoleActions actions = new RecordingConsoleActions();
    private final Instant startTime = Instant.now().minusSeconds(60);
    private @Nullable EmbeddedBroker broker;
    private @Nullable ConsoleView view;
    private @Nullable Stage stage;

    @BeforeEach
    void startToolkitAndBroker() throws Exception {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set; run the build under xvfb-run -a to include it");
        FxThread.startToolkit();
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(dataDir.resolve("broker"))
                .build()
                .start(START_TIMEOUT);
    }

    @AfterEach
    void closeViewAndBroker() throws Exception {
        if (view != null) {
            ConsoleView opened = view;
            FxThread.run(() -> {
                opened.stop();
                if (stage != null) {
                    stage.hide();
                }
            });
        }
        if (broker != null) {
            startedBroker().close();
        }
    }

    @Test
    void vehicles_tab_filters_and_shows_details() throws Exception {
        publishSteps(0, 1);
        GeneratedTrackApi api = new GeneratedTrackApi(startTime.minusSeconds(10), 10);
        ConsoleView opened = open();
        FxThread.run(() -> {
            opened.setTrackerApi(api);
            opened.setEventFeed(feed);
            addVehicleEvents();
        });
        VehiclesPanel panel = FxThread.call(opened::vehiclesPanel);
        await().atMost(WAIT).until(onFx(() -> opened.vehicleRowCount() == VEHICLES));

        assertThat(FxThread.call(panel::countsText)).isEqualTo(VEHICLES + " vehicles: 8 moving, 3 stopped, 1 offline");
        assertThat(FxThread.call(panel::fleetChoices)).containsExactly("all fleets", DemoFleet.FLEET_ID);

        FxThread.run(() -> panel.setFilterControls("VAN-0", DemoFleet.FLEET_ID, StatusFilter.MOVING));

        assertThat(FxThread.call(() -> panel.table().listedVehicleIds()))
                .containsExactly("van-00", "van-01", "van-03", "van-04", "van-06", "van-07", "van-09");
        assertThat(FxThread.call(panel::countsText)).endsWith("; 7 listed");

        FxThread.run(() -> opened.selectVehicle("van-03"));
        VehicleDetails details = FxThread.call(panel::details);
        await().atMost(WAIT).until(onFx(() -> details.chartSampleCount() > 300));

        assertThat(api.positionReads()).isEqualTo(1);
        assertThat(FxThread.call(() -> details.fieldText(VehicleFields.Field.SPEED)))
                .isEqualTo("42.0 km/h");
        assertThat(FxThread.call(() -> details.fieldText(VehicleFields.Field.FLEET)))
                .isEqualTo("demo");
        assertThat(FxThread.call(() -> details.fieldText(VehicleFields.Field.ONLINE)))
                .isEqualTo("yes");
        assertThat(FxThread.call(details::chartNote)).startsWith("filled from ");
        assertThat(FxThread.call(details::eventLines))
                .hasSize(2)
                .first()
                .asString()
                .contains("geofence-entered", "geofenceId=depot");

        int filledSamples = FxThread.call(() -> panel.speedHistory().size("van-03"));
        publishSteps(1, 25);
        await().atMost(WAIT).until(onFx(() -> panel.speedHistory().size("van-03") > filledSamples));

        assertThat(FxThread.call(() -> panel.table().selectedVehicleId())).isEqualTo("van-03");
        FxThread.run(() -> opened.showTab("Vehicles"));
        screenshot(opened, "vehicles-tab.png");
    }

    @Test
    void stale_filter_after_broker_loss() throws Exception {
        publishSteps(0, 1);
        ConsoleView opened = open();
        VehiclesPanel panel = FxThread.call(opened::vehiclesPanel);
        await().atMost(WAIT).until(onFx(() -> opened.vehicleRowCount() == VEHICLES));
        FxThread.run(() -> panel.setFilterControls("", null, StatusFilter.STALE));
        assertThat(FxThread.call(opened::vehicleRowCount)).isZero();

        startedBroker().close();

        await().atMost(WAIT).until(onFx(() -> opened.vehicleRowCount() == VEHICLES));
        assertThat(FxThread.call(panel::countsText)).endsWith(", " + VEHICLES + " stale");
    }

    @Test
    void alerts_tab_acknowledges_and_shows_progress() throws Exception {
        publishSteps(0, 1);
        ConsoleView opened = open();
        AlertsView alerts = FxThread.call(opened::alertsView);
        assertThat(FxThread.call(alerts::rows)).isEmpty();
        assertThat(FxThread.call(alerts::tabTitle)).isEqualTo("Alerts");
        FxThread.run(() -> {
            opened.setConsoleActions(actions);
            opened.setEventFeed(feed);
            addAlerts();
        });
        await().atMost(WAIT).until(onFx(() -> alerts.rows().size() == 5));

        assertThat(FxThread.call(alerts::tabTitle)).isEqualTo("Alerts (4)");
        assertThat(FxThread.call(alerts::rows))
                .extracting(AlertRow::eventId)
                .containsExactly("alert-5", "alert-4", "alert-3", "alert-2", "alert-1");
        await().atMost(WAIT).until(onFx(() -> opened.vehicleRowCount() == VEHICLES));

        FxThread.run(() -> alerts.select("alert-4"));

        assertThat(FxThread.call(() -> opened.vehiclesPanel().table().selectedVehicleId()))
                .isEqualTo("van-03");

        FxThread.run(() -> alerts.acknowledge(rowOf(alerts, "alert-4")));
        FxThread.run(() -> alerts.acknowledge(rowOf(alerts, "alert-2")));
        FxThread.run(() -> actions.complete("alert-2", OutboxEntry.Status.FAILED, "alert alert-2 not found"));
        await().atMost(WAIT)
                .until(onFx(() -> rowOf(alerts, "alert-2").stateText().startsWith("acknowledgement failed")));

        assertThat(actions.acknowledgedEventIds()).containsExactly("alert-4", "alert-2");
        assertThat(FxThread.call(() -> rowOf(alerts, "alert-4").stateText())).isEqualTo("acknowledging (pending)");
        assertThat(FxThread.call(() -> rowOf(alerts, "alert-4").canAcknowledge()))
                .isFalse();
        String alertTime = FxThread.call(() -> rowOf(alerts, "alert-4").timeText());
        assertThat(FxThread.call(alerts::selectedText))
                .isEqualTo("overspeed of van-03 (warning) at " + alertTime + ": limitKmh=80\nacknowledging (pending)");
        assertThat(FxThread.call(() -> rowOf(alerts, "alert-2").stateText()))
                .isEqualTo("acknowledgement failed: alert alert-2 not found");
        FxThread.run(() -> opened.showTab("Alerts"));
        await().atMost(WAIT)
                .until(onFx(() -> !cutCells(alerts, "Severity", "Time").equals(List.of("none laid out"))));
        assertThat(FxThread.call(() -> cutCells(alerts, "Severity", "Time"))).isEmpty();
        screenshot(opened, "alerts-tab.png");

        FxThread.run(() -> {
            actions.complete("alert-4", OutboxEntry.Status.SENT, null);
            feed.acknowledge("alert-4", "dispatcher", Instant.now());
        });
        await().atMost(WAIT).until(onFx(() -> alerts.tabTitle().equals("Alerts (3)")));
        FxThread.run(() -> alerts.setOpenOnly(true));

        assertThat(FxThread.call(alerts::rows))
                .extracting(AlertRow::eventId)
                .containsExactly("alert-5", "alert-2", "alert-1");
    }

    private void addVehicleEvents() {
        feed.add(new FleetEvent("trip-1", "trip-started", "van-03", startTime.minusSeconds(600), Map.of()));
        feed.add(new FleetEvent(
                "fence-1", "geofence-entered", "van-03", startTime.minusSeconds(30), Map.of("geofenceId", "depot")));
        feed.add(new FleetEvent("trip-2", "trip-started", "van-04", startTime.minusSeconds(20), Map.of()));
    }

    private void addAlerts() {
        Instant time = startTime.minusSeconds(900);
        feed.add(alert("alert-1", "panic", "van-01", EventSeverity.CRITICAL, time));
        feed.add(alert("alert-2", "overspeed", "van-04", EventSeverity.WARNING, time.plusSeconds(120)));
        feed.add(alert("alert-3", "geofence-entered", "van-06", EventSeverity.INFO, time.plusSeconds(240)));
        feed.add(alert("alert-4", "overspeed", "van-03", EventSeverity.WARNING, time.plusSeconds(360)));
        feed.add(alert("alert-5", "offline", "van-11", EventSeverity.WARNING, time.plusSeconds(480)));
        feed.acknowledge("alert-3", "dispatcher", time.plusSeconds(300));
    }

    private static FleetEvent alert(
            String eventId, String type, String vehicleId, EventSeverity severity, Instant time) {
        return new FleetEvent(eventId, type, vehicleId, time, severity, true, Map.of("limitKmh", "80"));
    }

    private static AlertRow rowOf(AlertsView alerts, String eventId) {
        return alerts.rows().stream()
                .filter(row -> row.eventId().equals(eventId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for alert " + eventId));
    }

    private ConsoleView open() throws Exception {
        EmbeddedBroker started = startedBroker();
        ConsoleSettings settings = ConsoleSettings.of(
                        started.serverUri(),
                        DemoFleet.FLEET_ID,
                        ConsoleSettings.DEFAULT_USERNAME,
                        ConsoleSettings.DEFAULT_PASSWORD)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withDataDir(dataDir.resolve("console"))
                .withTileUrl(null)
                .withWindowSize(1400, 900);
        ConsoleView opened = FxThread.call(() -> {
            ConsoleView created = new ConsoleView(settings, Clock.systemUTC());
            Stage window = new Stage();
            Scene scene = new Scene(created.root(), settings.widthPx(), settings.heightPx());
            scene.getStylesheets().add(ConsoleView.stylesheet());
            window.setScene(scene);
            window.show();
            created.start();
            stage = window;
            return created;
        });
        view = opened;
        return opened;
    }

    private void publishSteps(int fromStep, int toStep) throws Exception {
        try (DemoFleet fleet = new DemoFleet(startedBroker().serverUri(), VEHICLES, startTime)) {
            for (int step = fromStep; step < toStep; step++) {
                fleet.publishStep(step);
            }
        }
    }

    private EmbeddedBroker startedBroker() {
        if (broker == null) {
            throw new IllegalStateException("the broker starts before each test");
        }
        return broker;
    }

    /**
     * Returns the texts that cells of the named columns show cut with an ellipsis, or {@code none laid out} before the
     * first layout of the table.
     */
    private static List<String> cutCells(AlertsView alerts, String... columns) {
        List<String> titles = List.of(columns);
        List<String> cut = new ArrayList<>();
        int laidOut = 0;
        for (Node node : alerts.tableNode().lookupAll(".table-cell")) {
            if (!(node instanceof TableCell<?, ?> cell)
                    || cell.getTableColumn() == null
                    || !titles.contains(cell.getTableColumn().getText())
                    || cell.getText() == null
                    || cell.getText().isEmpty()) {
                continue;
            }
            for (Node child : cell.getChildrenUnmodifiable()) {
                if (child instanceof Text shown) {
                    laidOut++;
                    if (!shown.getText().equals(cell.getText())) {
                        cut.add(cell.getText() + " shown as " + shown.getText());
                    }
                }
            }
        }
        return laidOut == 0 ? List.of("none laid out") : cut;
    }

    private static Callable<Boolean> onFx(Callable<Boolean> condition) {
        return () -> FxThread.call(condition);
    }

    private void screenshot(ConsoleView opened, String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name);

        FxThread.run(() -> Screenshots.write(opened.root().getScene(), file));

        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }
}
