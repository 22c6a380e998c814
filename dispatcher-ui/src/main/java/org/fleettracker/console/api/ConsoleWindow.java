package org.fleettracker.console.api;

import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.outbox.ConsoleActions;
import org.fleettracker.console.internal.ui.ConsoleView;
import org.fleettracker.console.internal.ui.Screenshots;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The dispatcher console in a JavaFX stage: map, vehicle table and status bar, connected to one fleet.
 *
 * <p>Every method must be called on the FX application thread. The launcher and tests open it the same way:
 * {@code ConsoleWindow.open(stage, settings)}.
 */
public final class ConsoleWindow implements AutoCloseable {

    private final Stage stage;
    private final ConsoleView view;
    private boolean closed;

    private ConsoleWindow(Stage stage, ConsoleView view) {
        this.stage = stage;
        this.view = view;
    }

    /**
     * Shows the console in {@code stage} and starts connecting to the broker in the background.
     *
     * @throws IllegalStateException when called outside the FX application thread, or when another console uses the
     *     settings' data folder
     */
    public static ConsoleWindow open(Stage stage, ConsoleSettings settings) {
        requireFxThread();
        ConsoleView view = new ConsoleView(settings, Clock.systemUTC());
        Scene scene = new Scene(view.root(), settings.widthPx(), settings.heightPx());
        scene.getStylesheets().add(ConsoleView.stylesheet());
        stage.setScene(scene);
        stage.setTitle("Fleet console: fleet " + settings.fleetId() + " on " + settings.brokerUri());
        ConsoleWindow window = new ConsoleWindow(stage, view);
        stage.setOnHidden(event -> window.close());
        stage.show();
        view.start();
        return window;
    }

    public Scene scene() {
        return stage.getScene();
    }

    public ConnectionState connectionState() {
        return view.connectionState();
    }

    /** Returns the connection text the status bar shows, such as {@code disconnected, retry in 2 s}. */
    public String connectionText() {
        return view.connectionText();
    }

    /** Returns why the connection is not up, as the status bar shows it; empty while connected. */
    public String connectionDetail() {
        return view.connectionDetail();
    }

    /** Returns the stale warning the status bar shows, such as {@code 10 stale since 14:03:12}; empty if none. */
    public String staleText() {
        return view.staleText();
    }

    /** Returns how many vehicles the table lists. */
    public int vehicleRowCount() {
        return view.vehicleRowCount();
    }

    /** Returns how many vehicle markers the last map drawing put inside the visible area. */
    public int drawnMarkerCount() {
        return view.drawnMarkerCount();
    }

    /** Returns how many vehicles are marked stale because their data predates a connection loss. */
    public int staleVehicleCount() {
        return view.staleVehicleCount();
    }

    /** Returns how many received messages could not be decoded and were ignored. */
    public long malformedMessageCount() {
        return view.malformedMessageCount();
    }

    /** Returns how many positions the map's trails hold, summed over every vehicle. */
    public int trailPointCount() {
        return view.trailPointCount();
    }

    /** Selects the vehicle's row in the table and highlights it on the map; unknown ids are ignored. */
    public void selectVehicle(String vehicleId) {
        requireFxThread();
        view.selectVehicle(vehicleId);
    }

    /** Returns the dispatcher's actions: each is stored in the outbox and sent to the tracker when online. */
    public ConsoleActions actions() {
        return view.actions();
    }

    /** Returns the events and alerts the console received or refilled. */
    public EventFeed eventFeed() {
        return view.eventFeed();
    }

    /** Returns the outbox text the status bar shows, such as {@code outbox: 2 pending}; empty when none wait. */
    public String outboxText() {
        return view.outboxText();
    }

    /** Returns the time from the last reconnect to a fresh picture (stale marks cleared, gaps filled), if any. */
    public Optional<Duration> lastResyncDuration() {
        return Optional.ofNullable(view.lastResyncDuration());
    }

    /** Returns how many connection attempts were started, the first one included. */
    public int connectAttempts() {
        return view.connectAttempts();
    }

    /**
     * Writes a PNG of the whole window content to {@code file}.
     *
     * @throws IOException when the file cannot be written
     */
    public void saveScreenshot(Path file) throws IOException {
        requireFxThread();
        Screenshots.write(stage.getScene(), file);
    }

    /** Disconnects and hides the stage. Safe to call more than once. */
    @Override
    public void close() {
        requireFxThread();
        if (closed) {
            return;
        }
        closed = true;
        view.stop();
        stage.hide();
    }

    private static void requireFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException(
                    "The console window must be used on the FX application thread, not " + Thread.currentThread());
        }
    }
}
