package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConsoleMetrics;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.ConsoleWindow;
import org.fleettracker.console.api.Credential;
import org.fleettracker.console.internal.SavedSetting;
import org.fleettracker.console.internal.SettingsStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The JavaFX application behind the launcher. It is started through {@link #run(LaunchRequest)} because JavaFX
 * refuses to start an {@code Application} subclass named as the main class on the class path.
 */
public final class ConsoleApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(ConsoleApp.class);

    private static final AtomicReference<@Nullable LaunchRequest> REQUEST = new AtomicReference<>();
    private static final AtomicInteger EXIT_CODE = new AtomicInteger();
    private static final AtomicReference<@Nullable RuntimeException> START_FAILURE = new AtomicReference<>();

    private @Nullable ConsoleWindow window;
    private @Nullable ConsoleMetrics metrics;

    /**
     * Runs the console until its window closes, or until the screenshot is written; returns the exit code.
     *
     * @throws ConsoleStartException when the toolkit started but the console could not open its window
     * @throws RuntimeException when the JavaFX toolkit cannot start, for example without a display
     */
    public static int run(LaunchRequest request) {
        REQUEST.set(request);
        EXIT_CODE.set(0);
        START_FAILURE.set(null);
        Application.launch(ConsoleApp.class);
        RuntimeException failure = START_FAILURE.get();
        if (failure != null) {
            throw new ConsoleStartException(failure);
        }
        return EXIT_CODE.get();
    }

    @Override
    public void start(Stage stage) {
        try {
            open(stage);
        } catch (RuntimeException e) {
            // Thrown on, JavaFX would wrap it as a failed start, which reads like a display problem.
            START_FAILURE.set(e);
            EXIT_CODE.set(1);
            Platform.exit();
        }
    }

    private void open(Stage stage) {
        LaunchRequest request = REQUEST.get();
        if (request == null) {
            throw new IllegalStateException("ConsoleApp must be started through ConsoleApp.run(request)");
        }
        ConsoleSettings settings = request.settings();
        Credential credential = Credential.PASSWORD;
        if (request.loginRequired()) {
            Optional<Login> login = askLogin(settings);
            if (login.isEmpty()) {
                log.info("Login cancelled; the console exits");
                Platform.exit();
                return;
            }
            settings = login.get().applyTo(settings);
            credential = login.get().credential();
        }
        log.info("Console starting: {} with {}", settings, credential);
        Integer metricsPort = request.metricsPort();
        ConsoleMetrics started = metricsPort == null
                ? ConsoleMetrics.unexported()
                : ConsoleMetrics.serve(request.metricsBindAddress(), metricsPort);
        metrics = started;
        ConsoleWindow opened = ConsoleWindow.open(stage, settings, credential, started);
        window = opened;
        Path screenshotFile = request.screenshotFile();
        if (screenshotFile != null) {
            PauseTransition delay = new PauseTransition(
                    Duration.millis(request.screenshotDelay().toMillis()));
            delay.setOnFinished(event -> screenshotAndExit(opened, screenshotFile));
            delay.play();
        }
    }

    /** Shows the login dialog until the dispatcher logs in or cancels; remembers the user name. */
    private static Optional<Login> askLogin(ConsoleSettings settings) {
        LoginDialog dialog = new LoginDialog(settings.brokerUri(), settings.username(), null, settings.theme(), null);
        Optional<Login> login = dialog.dialog().showAndWait();
        if (login.isPresent()) {
            SettingsStore store = new SettingsStore(settings.dataDir());
            try {
                store.save(login.get().applyTo(settings), List.of(SavedSetting.USERNAME));
            } catch (IOException e) {
                log.warn("Cannot save the user name to {}: {}", store.file(), e.getMessage());
            }
        }
        return login;
    }

    private static void screenshotAndExit(ConsoleWindow opened, Path file) {
        try {
            opened.saveScreenshot(file);
            log.info("Screenshot written to {}", file.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            log.error("Cannot write the screenshot to {}: {}", file.toAbsolutePath(), e.getMessage(), e);
            EXIT_CODE.set(1);
        }
        Platform.exit();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        log.info("Console stopped");
    }
}
