package org.fleettracker.console.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.console.testing.DemoFleet;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.console.testing.PasswordCheckingExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console window against an in-process broker. Needs a display: CI runs {@code xvfb-run -a ./mvnw verify}.
 * Screenshots land in {@code target/screenshots}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConsoleWindowIT {

    private static final int VEHICLES = 10;
    private static final int STEPS = 16;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    @TempDir
    Path dataDir;

    private @Nullable EmbeddedBroker broker;
    private @Nullable ConsoleWindow window;

    @BeforeEach
    void startToolkit() throws InterruptedException {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set; run the build under xvfb-run -a to include it");
        FxThread.startToolkit();
    }

    @AfterEach
    void closeWindowAndBroker() throws Exception {
        if (window != null) {
            ConsoleWindow opened = window;
            FxThread.run(opened::close);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void live_fleet_shows_in_table_and_on_map() throws Exception {
        EmbeddedBroker started = startBroker(0, null);
        publishSteps(started, 0, 1);
        ConsoleWindow opened = open(started, ConsoleSettings.DEFAULT_PASSWORD);

        await().atMost(Duration.ofSeconds(30))
                .until(onFx(() -> opened.vehicleRowCount() == VEHICLES && opened.drawnMarkerCount() == VEHICLES));
        publishSteps(started, 1, STEPS);
        await().atMost(Duration.ofSeconds(30)).until(onFx(() -> opened.trailPointCount() == VEHICLES * STEPS));
        FxThread.run(() -> opened.selectVehicle(DemoFleet.vehicleId(1)));

        assertThat(FxThread.call(opened::connectionState)).isEqualTo(ConnectionState.CONNECTED);
        assertThat(FxThread.call(opened::staleVehicleCount)).isZero();
        screenshot(opened, "console-live.png");
    }

    @Test
    void broker_restart_marks_then_clears_stale() throws Exception {
        EmbeddedBroker started = startBroker(0, null);
        publishSteps(started, 0, STEPS);
        ConsoleWindow opened = open(started, ConsoleSettings.DEFAULT_PASSWORD);
        await().atMost(Duration.ofSeconds(30)).until(onFx(() -> opened.drawnMarkerCount() == VEHICLES));
        int port = started.port();

        started.close();

        await().atMost(Duration.ofSeconds(30))
                .until(onFx(() -> opened.connectionState() == ConnectionState.DISCONNECTED
                        && opened.staleVehicleCount() == VEHICLES
                        && opened.connectionText().startsWith("disconnected")));
        assertThat(FxThread.call(opened::staleText)).startsWith(VEHICLES + " stale since ");
        assertThat(FxThread.call(opened::drawnMarkerCount)).isEqualTo(VEHICLES);
        screenshot(opened, "console-disconnected.png");

        startBroker(port, null);

        await().atMost(Duration.ofSeconds(60))
                .until(onFx(() -> opened.connectionState() == ConnectionState.CONNECTED
                        && opened.staleVehicleCount() == 0
                        && opened.staleText().isEmpty()));
        screenshot(opened, "console-reconnected.png");
    }

    @Test
    void wrong_password_shows_refusal_in_status_bar() throws Exception {
        PasswordCheckingExtension extension = new PasswordCheckingExtension();
        EmbeddedBroker started = startBroker(0, extension);

        ConsoleWindow opened = open(started, "wrong-password");

        await().atMost(Duration.ofSeconds(30)).until(onFx(() -> opened.connectionState() == ConnectionState.REFUSED));
        await().atMost(Duration.ofSeconds(5))
                .until(onFx(() -> opened.connectionDetail().contains("bad user name or password")));
        assertThat(extension.connectAttempts()).isEqualTo(1);
        screenshot(opened, "console-refused.png");
    }

    private EmbeddedBroker startBroker(int port, @Nullable PasswordCheckingExtension extension) {
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().port(port).dataDir(dataDir);
        if (extension != null) {
            builder.extension(extension);
        }
        broker = builder.build().start(START_TIMEOUT);
        return broker;
    }

    private static void publishSteps(EmbeddedBroker target, int fromStep, int toStep) throws Exception {
        try (DemoFleet fleet =
                new DemoFleet(target.serverUri(), VEHICLES, Instant.now().minusSeconds(60))) {
            for (int step = fromStep; step < toStep; step++) {
                fleet.publishStep(step);
            }
        }
    }

    private ConsoleWindow open(EmbeddedBroker target, String password) throws Exception {
        ConsoleSettings settings = ConsoleSettings.of(
                        target.serverUri(), DemoFleet.FLEET_ID, ConsoleSettings.DEFAULT_USERNAME, password)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withDataDir(dataDir.resolve("console"));
        ConsoleWindow opened = FxThread.call(() -> ConsoleWindow.open(new Stage(), settings));
        window = opened;
        return opened;
    }

    private static Callable<Boolean> onFx(Callable<Boolean> condition) {
        return () -> FxThread.call(condition);
    }

    private static void screenshot(ConsoleWindow opened, String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name);

        FxThread.run(() -> opened.saveScreenshot(file));

        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }
}
