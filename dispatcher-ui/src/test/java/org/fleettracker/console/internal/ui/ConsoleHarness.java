package org.fleettracker.console.internal.ui;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.testing.DemoFleet;
import org.fleettracker.console.testing.FxThread;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import javafx.event.Event;
import javafx.event.EventType;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A console view in its own stage, connected to an in-process broker on which {@link DemoFleet} publishes a few
 * vehicles. Create it off the FX thread; it starts the FX toolkit if needed.
 */
final class ConsoleHarness implements AutoCloseable {

    static final int VEHICLES = 6;
    static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedBroker broker;
    private final DemoFleet fleet;
    private final Stage stage;
    private final ConsoleView view;

    private ConsoleHarness(EmbeddedBroker broker, DemoFleet fleet, Stage stage, ConsoleView view) {
        this.broker = broker;
        this.fleet = fleet;
        this.stage = stage;
        this.view = view;
    }

    /** Starts the broker, publishes two steps of the demo fleet and opens a window of the given size. */
    static ConsoleHarness start(Path dataDir, int widthPx, int heightPx) throws Exception {
        FxThread.startToolkit();
        EmbeddedBroker broker =
                EmbeddedBroker.builder().port(0).dataDir(dataDir).build().start(START_TIMEOUT);
        DemoFleet fleet =
                new DemoFleet(broker.serverUri(), VEHICLES, Instant.now().minusSeconds(30));
        fleet.publishStep(0);
        fleet.publishStep(1);
        ConsoleSettings settings = ConsoleSettings.of(
                        broker.serverUri(),
                        DemoFleet.FLEET_ID,
                        ConsoleSettings.DEFAULT_USERNAME,
                        ConsoleSettings.DEFAULT_PASSWORD)
                .withDataDir(dataDir)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1));
        ConsoleHarness harness = FxThread.call(() -> {
            ConsoleView view = new ConsoleView(settings, Clock.systemUTC());
            Stage stage = new Stage();
            Scene scene = new Scene(view.root(), widthPx, heightPx);
            scene.getStylesheets().add(ConsoleView.stylesheet());
            stage.setScene(scene);
            stage.show();
            view.start();
            return new ConsoleHarness(broker, fleet, stage, view);
        });
        await().atMost(Duration.ofSeconds(30)).until(harness.onFx(() -> harness.view.vehicleRowCount() == VEHICLES));
        return harness;
    }

    ConsoleView view() {
        return view;
    }

    DemoFleet fleet() {
        return fleet;
    }

    /** Clicks the map canvas at {@code (xPx, yPx)} in canvas pixels with the primary button; call on the FX thread. */
    void clickMap(double xPx, double yPx) {
        clickCanvas(mapCanvas(), xPx, yPx);
    }

    /** Fires a press and release of the primary button at {@code (xPx, yPx)} in the canvas's own pixels. */
    static void clickCanvas(Canvas canvas, double xPx, double yPx) {
        Point2D scenePoint = canvas.localToScene(xPx, yPx);
        Event.fireEvent(canvas, mouseEvent(MouseEvent.MOUSE_PRESSED, scenePoint));
        Event.fireEvent(canvas, mouseEvent(MouseEvent.MOUSE_RELEASED, scenePoint));
    }

    /** Returns the size of the map canvas in pixels; call on the FX thread. */
    Point2D mapSize() {
        Canvas canvas = mapCanvas();
        return new Point2D(canvas.getWidth(), canvas.getHeight());
    }

    void screenshot(String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name);

        FxThread.run(() -> Screenshots.write(stage.getScene(), file));

        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }

    <T> Callable<T> onFx(Callable<T> condition) {
        return () -> FxThread.call(condition);
    }

    @Override
    public void close() throws Exception {
        FxThread.run(() -> {
            view.stop();
            stage.hide();
        });
        fleet.close();
        broker.close();
    }

    private Canvas mapCanvas() {
        for (Node child : view.mapView().getChildrenUnmodifiable()) {
            if (child instanceof Canvas canvas) {
                return canvas;
            }
        }
        throw new IllegalStateException("the map view has no canvas child");
    }

    private static MouseEvent mouseEvent(EventType<MouseEvent> type, Point2D scenePoint) {
        // Scene coordinates: dispatching to the canvas converts them to the canvas's own pixels.
        return new MouseEvent(
                type,
                scenePoint.getX(),
                scenePoint.getY(),
                scenePoint.getX(),
                scenePoint.getY(),
                MouseButton.PRIMARY,
                1,
                false,
                false,
                false,
                false,
                type == MouseEvent.MOUSE_PRESSED,
                false,
                false,
                true,
                false,
                true,
                null);
    }
}
