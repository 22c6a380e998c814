package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.console.testing.DemoFleet;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.protocol.api.JobProgress;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Dispatch tab of a console window under Xvfb: a job built from clicks on the map canvas, its progress from a
 * published vehicle state, and commands whose statuses come from a fake outbox and event feed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DispatchTabIT {

    private static final String VEHICLE = DemoFleet.vehicleId(1);

    @TempDir
    Path dataDir;

    private @Nullable ConsoleHarness harness;

    @BeforeEach
    void requireDisplay() {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set; run the build under xvfb-run -a to include it");
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void job_from_map_clicks_and_commands_show_status() throws Exception {
        FakeConsoleActions actions = new FakeConsoleActions();
        FakeEventFeed feed = new FakeEventFeed();
        ConsoleHarness opened = open(actions, feed);
        DispatchView view = FxThread.call(() -> opened.view().dispatchView());

        clickThreeStops(opened, view);
        FxThread.run(() -> view.draft().stops().get(1).setRadiusText("3"));
        boolean invalidCreated = FxThread.call(view::createJob);
        String radiusError = FxThread.call(view::errorText);
        FxThread.run(() -> {
            view.draft().stops().get(1).setRadiusText("250");
            view.draft().stops().get(2).setWindowStartText("23:50");
            view.draft().stops().get(2).setWindowEndText("23:40");
        });
        String windowError = FxThread.call(() -> {
            view.createJob();
            return view.errorText();
        });
        FxThread.run(() -> view.draft().stops().get(2).setWindowStartText(""));
        boolean created = FxThread.call(view::createJob);

        assertThat(invalidCreated).isFalse();
        assertThat(radiusError).isEqualTo("Stop 2: the radius 3 m is outside 5 to 10000 m.");
        assertThat(windowError).isEqualTo("Stop 3: the window end 23:40 is not after its start 23:50.");
        assertThat(created).isTrue();
        assertThat(FxThread.call(view::errorText)).isEmpty();
        String jobId = FxThread.call(() -> actions.jobs().keySet().iterator().next());
        List<JobStop> stops = FxThread.call(() -> actions.jobs().get(jobId));
        assertThat(stops).extracting(JobStop::radiusM).containsExactly(100.0, 250.0, 100.0);
        assertThat(stops)
                .extracting(JobStop::kind)
                .containsExactly(JobStopKind.PICKUP, JobStopKind.DROP_OFF, JobStopKind.DROP_OFF);

        FxThread.run(() -> actions.setStatus(jobId, OutboxEntry.Status.FAILED, "vehicle van-01 is offline"));
        await().atMost(Duration.ofSeconds(20)).until(opened.onFx(view::canRetryJob));
        assertThat(FxThread.call(view::jobStatusLines))
                .startsWith("Job " + jobId + ": failed: vehicle van-01 is offline");
        assertThat(FxThread.call(view::retryJob)).isTrue();
        assertThat(FxThread.call(view::jobStatusLines)).startsWith("Job " + jobId + ": pending (outbox)");
        assertThat(FxThread.call(view::canRetryJob)).isFalse();
        assertThat(FxThread.call(view::retryJob)).isFalse();

        FxThread.run(() -> actions.setStatus(jobId, OutboxEntry.Status.SENT, null));
        opened.fleet().publishRaw(VEHICLE, Json.encode(stateWithJob(jobId, stops)));

        await().atMost(Duration.ofSeconds(20)).until(opened.onFx(() -> view.jobStatusLines()
                .contains("Current job " + jobId + ": 1 of 3 stops done")));
        List<String> lines = FxThread.call(view::jobStatusLines);
        assertThat(lines).startsWith("Job " + jobId + ": sent");
        assertThat(lines).contains("✓ 1. Stop 1: done");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("2. Stop 2: 1 km, ETA "));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("3. Stop 3: 3 km, no ETA"));
        assertThat(FxThread.call(view::drawnStops))
                .extracting(JobStopsOverlay.StopMark::done)
                .containsExactly(true, false, false);

        sendCommands(opened, view, actions, feed);
        opened.screenshot("dispatch-tab.png");
    }

    @Test
    void sending_without_outbox_explains_why() throws Exception {
        ConsoleHarness opened = ConsoleHarness.start(dataDir, 1300, 900);
        harness = opened;
        DispatchView view = FxThread.call(() -> {
            opened.view().setConsoleActions(null);
            opened.view().showTab("Dispatch");
            opened.view().selectVehicle(VEHICLE);
            return opened.view().dispatchView();
        });

        boolean created = FxThread.call(view::createJob);
        boolean sent = FxThread.call(() -> view.commands().requestPosition());

        assertThat(created).isFalse();
        assertThat(sent).isFalse();
        assertThat(FxThread.call(view::errorText))
                .contains("Jobs need the tracker's HTTP API")
                .contains("Add at least one stop");
        assertThat(FxThread.call(view::commandRows)).isEmpty();
    }

    /** Clicks three empty places near the map centre, inside the ring of demo fleet vehicles. */
    private static void clickThreeStops(ConsoleHarness opened, DispatchView view) throws Exception {
        FxThread.run(() -> {
            view.setAddMode(true);
            Point2D size = opened.mapSize();
            double centreX = size.getX() / 2;
            double centreY = size.getY() / 2;
            opened.clickMap(centreX - 70, centreY - 40);
            opened.clickMap(centreX + 60, centreY - 55);
            opened.clickMap(centreX + 15, centreY + 65);
        });

        assertThat(FxThread.call(() -> view.draft().stops().size())).isEqualTo(3);
        assertThat(FxThread.call(view::drawnStops)).hasSize(3);
        assertThat(FxThread.call(view::isAddMode)).isTrue();
    }

    private static void sendCommands(
            ConsoleHarness opened, DispatchView view, FakeConsoleActions actions, FakeEventFeed feed) throws Exception {
        FxThread.run(() -> {
            view.commands().sendMessage("Please call the office");
            view.commands().requestPosition();
            view.commands().sendMessage("Gate code is 4711");
            view.commands().sendMessage("Road closed on Leopoldstraße");
        });
        List<String> ids = FxThread.call(actions::commandIds);
        FxThread.run(() -> {
            actions.setStatus(ids.get(0), OutboxEntry.Status.SENT, null);
            feed.setCommandStatus(ids.get(0), "acknowledged");
            actions.setStatus(ids.get(1), OutboxEntry.Status.SENT, null);
            feed.setCommandStatus(ids.get(1), "delivered");
            actions.setStatus(ids.get(2), OutboxEntry.Status.FAILED, "vehicle is not in the fleet");
        });

        await().atMost(Duration.ofSeconds(10))
                .until(opened.onFx(() -> view.commandRows().stream().anyMatch(row -> row.endsWith(": acknowledged"))));
        List<String> rows = FxThread.call(view::commandRows);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).endsWith(VEHICLE + "  message \"Road closed on Leopoldstraße\": pending (outbox)");
        assertThat(rows.get(1)).endsWith(": failed: vehicle is not in the fleet");
        assertThat(rows.get(2)).endsWith(VEHICLE + "  request-position: delivered");
        assertThat(rows.get(3)).endsWith(VEHICLE + "  message \"Please call the office\": acknowledged");

        FxThread.run(() -> view.commands().selectRow(2));
        boolean retryForSent = FxThread.call(() -> view.commands().canRetry());
        FxThread.run(() -> view.commands().selectRow(1));
        boolean retryForFailed = FxThread.call(() -> view.commands().canRetry());
        boolean retried = FxThread.call(() -> view.commands().retrySelected());

        assertThat(retryForSent).isFalse();
        assertThat(retryForFailed).isTrue();
        assertThat(retried).isTrue();
        assertThat(FxThread.call(actions::entries))
                .filteredOn(entry -> entry.key().equals(ids.get(2)))
                .extracting(OutboxEntry::status)
                .containsExactly(OutboxEntry.Status.PENDING);
        assertThat(FxThread.call(view::commandRows).get(1)).endsWith(": pending (outbox)");
    }

    private ConsoleHarness open(FakeConsoleActions actions, FakeEventFeed feed) throws Exception {
        ConsoleHarness opened = ConsoleHarness.start(dataDir, 1300, 1000);
        harness = opened;
        FxThread.run(() -> {
            opened.view().setConsoleActions(actions);
            opened.view().setEventFeed(feed);
            opened.view().showTab("Dispatch");
            opened.view().selectVehicle(VEHICLE);
        });
        return opened;
    }

    /** Builds a state of the vehicle, newer than the demo fleet's, that has done the first stop of {@code jobId}. */
    private static VehicleState stateWithJob(String jobId, List<JobStop> stops) {
        Instant now = Instant.now();
        JobStop first = stops.get(0);
        JobProgress progress = new JobProgress(
                jobId,
                1,
                3,
                List.of(
                        new JobProgress.StopEta(stops.get(1).stopId(), 1_200, now.plusSeconds(240), false),
                        new JobProgress.StopEta(stops.get(2).stopId(), 2_600, null, false)));
        return new VehicleState(
                DemoFleet.FLEET_ID,
                VEHICLE,
                5_000L,
                now,
                now.plusMillis(100),
                first.latitudeDeg(),
                first.longitudeDeg(),
                25.0,
                90.0,
                520.0,
                4.0,
                null,
                Boolean.TRUE,
                80.0,
                MotionStatus.MOVING,
                Boolean.TRUE,
                1_500.0,
                progress,
                now.plusMillis(120));
    }
}
