package org.fleettracker.console.api;

import org.fleettracker.console.testing.FxThread;
import org.fleettracker.simulator.api.Simulator;
import org.fleettracker.simulator.api.SimulatorSettings;
import org.fleettracker.tracker.api.Tracker;
import org.fleettracker.tracker.api.TrackerSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console window against the real tracker, its broker with the security extension and the demo users,
 * and simulated vehicles: the same parts that {@code ./fleet demo} starts.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConsoleWithTrackerIT {

    private static final int VEHICLES = 8;
    private static final Path BASE_DIR = Path.of(System.getProperty("basedir", "."));
    private static final Path DEMO_USERS = BASE_DIR.resolve("../config/users.yaml");

    @TempDir
    Path dataDir;

    @BeforeEach
    void startToolkit() throws InterruptedException {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set and no Xvfb was found to start one");
        FxThread.startToolkit();
    }

    @Test
    void tracker_vehicles_appear_and_move() throws Exception {
        TrackerSettings trackerSettings = TrackerSettings.builder()
                .mqttPort(0)
                .httpPort(0)
                .dataDir(dataDir)
                .usersFile(DEMO_USERS)
                .build();
        try (Tracker tracker = Tracker.start(trackerSettings);
                Simulator simulator = Simulator.start(simulatorSettings(tracker))) {
            ConsoleWindow window = FxThread.call(() -> ConsoleWindow.open(
                    new Stage(),
                    ConsoleSettings.of(
                                    tracker.mqttServerUri(),
                                    ConsoleSettings.DEFAULT_FLEET_ID,
                                    ConsoleSettings.DEFAULT_USERNAME,
                                    ConsoleSettings.DEFAULT_PASSWORD)
                            .withDataDir(dataDir.resolve("console"))));
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(onFx(
                                () -> window.vehicleRowCount() == VEHICLES && window.drawnMarkerCount() == VEHICLES));
                // Three state updates per vehicle show that the markers move and leave trails.
                await().atMost(Duration.ofSeconds(60)).until(onFx(() -> window.trailPointCount() >= VEHICLES * 3));

                assertThat(FxThread.call(window::connectionState)).isEqualTo(ConnectionState.CONNECTED);
                assertThat(FxThread.call(window::staleVehicleCount)).isZero();
                assertThat(simulator.summary().connectedVehicles()).isEqualTo(VEHICLES);
                screenshot(window, "console-with-tracker.png");
            } finally {
                FxThread.run(window::close);
            }
        }
    }

    private static SimulatorSettings simulatorSettings(Tracker tracker) {
        return SimulatorSettings.builder()
                .brokerUrl(tracker.mqttServerUri())
                .vehicleCount(VEHICLES)
                .interval(Duration.ofMillis(500))
                .seed(42)
                .build();
    }

    private static Callable<Boolean> onFx(Callable<Boolean> condition) {
        return () -> FxThread.call(condition);
    }

    private static void screenshot(ConsoleWindow window, String name) throws Exception {
        Path file = BASE_DIR.resolve("target/screenshots").resolve(name);

        FxThread.run(() -> window.saveScreenshot(file));

        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }
}
