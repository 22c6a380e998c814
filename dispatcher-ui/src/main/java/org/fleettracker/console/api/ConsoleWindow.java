package org.fleettracker.console.api;

import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.outbox.ConsoleActions;
import org.fleettracker.console.internal.ui.ConsoleShell;
import org.fleettracker.console.internal.ui.ConsoleView;
import org.fleettracker.console.internal.ui.Screenshots;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.stage.Stage;

/**
 * The dispatcher console in a JavaFX stage: menu bar, map, vehicle table and status bar, connected to one fleet.
 *
 * <p>Every method must be called on the FX application thread. The launcher and tests open it the same way:
 * {@code ConsoleWindow.open(stage, settings)}. The menu's Settings… and Log out replace the view with a new one, and
 * so does a login after the broker refused one. The accessors always read the current view.
 */
public final class ConsoleWindow implements AutoCloseable {

    private final Stage stage;
    private final ConsoleShell shell;
    private boolean closed;

    private ConsoleWindow(Stage stage, ConsoleShell shell) {
        this.stage = stage;
        this.shell = shell;
    }

    /**
     * Shows the console in {@code stage} and starts connecting to the broker in the background, sending the
     * password of {@code settings}.
     *
     * @throws IllegalStateException when called outside the FX application thread, or when another console uses the
     *     settings' data folder
     */
    public static ConsoleWindow open(Stage stage, ConsoleSettings settings) {
        return open(stage, settings, Credential.PASSWORD);
    }

    /**
     * Shows the console in {@code stage} and starts connecting to the broker in the background. The password of
     * {@code settings} is the account's password or an access token, as {@code credential} states.
     *
     * @throws IllegalStateException when called outside the FX application thread
     */
    public static ConsoleWindow open(Stage stage, ConsoleSettings settings, Credential credential) {
        return open(stage, settings, credential, ConsoleMetrics.unexported());
    }

    /**
     * Opens the console as above; its connection, outbox and refills count in {@code metrics}, which the caller
     * closes after the window.
     *
     * @throws IllegalStateException when called outside the FX application thread
     */
    public static ConsoleWindow open(
            Stage stage, ConsoleSettings settings, Credential credential, ConsoleMetrics metrics) {
        requireFxThread();
        ConsoleShell shell = new ConsoleShell(stage, settings, credential, Clock.systemUTC(), metrics.meters());
        Scene scene = new Scene(shell.root(), settings.widthPx(), settings.heightPx());
        stage.setScene(scene);
        stage.setTitle(shell.title());
        ConsoleWindow window = new ConsoleWindow(stage, shell);
        stage.setOnHidden(event -> window.close());
        stage.show();
        shell.start();
        return window;
    }

    /** Returns the settings the console runs with now, changed by the Settings dialog, a login or the theme. */
    public ConsoleSettings settings() {
        return shell.settings();
    }

    /** Returns the login, settings or warning dialog the console shows, or null when none is open. */
    public @Nullable Dialog<?> openDialog() {
        requireFxThread();
        return shell.openDialog();
    }

    public Scene scene() {
        return stage.getScene();
    }

    public ConnectionState connectionState() {
        return shell.view().connectionState();
    }

    /** Returns the connection text the status bar shows, such as {@code disconnected, retry in 2 s}. */
    public String connectionText() {
        return shell.view().connectionText();
    }

    /** Returns why the connection is not up, as the status bar shows it; empty while connected. */
    public String connectionDetail() {
        return shell.view().connectionDetail();
    }

    /** Returns the stale warning the status bar shows, such as {@code 10 stale since 14:03:12}; empty if none. */
    public String staleText() {
        return shell.view().staleText();
    }

    /** Returns how many vehicles the table lists. */
    public int vehicleRowCount() {
        return shell.view().vehicleRowCount();
    }

    /** Returns how many vehicle markers the last map drawing put inside the visible area. */
    public int drawnMarkerCount() {
        return shell.view().drawnMarkerCount();
    }

    /** Returns how many vehicles are marked stale because their data predates a connection loss. */
    public int staleVehicleCount() {
        return shell.view().staleVehicleCount();
    }

    /** Returns how many received messages could not be decoded and were ignored. */
    public long malformedMessageCount() {
        return shell.view().malformedMessageCount();
    }

    /** Returns how many positions the map's trails hold, summed over every vehicle. */
    public int trailPointCount() {
        return shell.view().trailPointCount();
    }

    /** Selects the vehicle's row in the table and highlights it on the map; unknown ids are ignored. */
    public void selectVehicle(String vehicleId) {
        requireFxThread();
        shell.view().selectVehicle(vehicleId);
    }

    /** Returns the current view, for tests that drive its tabs; a login or applied settings replace it. */
    public ConsoleView view() {
        return shell.view();
    }

    /** Returns the dispatcher's actions: each is stored in the outbox and sent to the tracker when online. */
    public ConsoleActions actions() {
        return shell.view().actions();
    }

    /** Returns the events and alerts the console received or refilled. */
    public EventFeed eventFeed() {
        return shell.view().eventFeed();
    }

    /** Returns the outbox text the status bar shows, such as {@code outbox: 2 pending}; empty when none wait. */
    public String outboxText() {
        return shell.view().outboxText();
    }

    /** Returns the time from the last reconnect to a fresh picture (stale marks cleared, gaps filled), if any. */
    public Optional<Duration> lastResyncDuration() {
        return Optional.ofNullable(shell.view().lastResyncDuration());
    }

    /** Returns how many connection attempts were started, the first one included. */
    public int connectAttempts() {
        return shell.view().connectAttempts();
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
        shell.stop();
        stage.hide();
    }

    private static void requireFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException(
                    "The console window must be used on the FX application thread, not " + Thread.currentThread());
        }
    }
}
