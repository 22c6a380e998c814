package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConsoleWindow;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
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

    private @Nullable ConsoleWindow window;

    /** Runs the console until its window closes, or until the screenshot is written; returns the exit code. */
    public static int run(LaunchRequest request) {
        REQUEST.set(request);
        EXIT_CODE.set(0);
        Application.launch(ConsoleApp.class);
        return EXIT_CODE.get();
    }

    @Override
    public void start(Stage stage) {
        LaunchRequest request = REQUEST.get();
        if (request == null) {
            throw new IllegalStateException("ConsoleApp must be started through ConsoleApp.run(request)");
        }
        log.info("Console starting: {}", request.settings());
        ConsoleWindow opened = ConsoleWindow.open(stage, request.settings());
        window = opened;
        Path screenshotFile = request.screenshotFile();
        if (screenshotFile != null) {
            PauseTransition delay = new PauseTransition(
                    Duration.millis(request.screenshotDelay().toMillis()));
            delay.setOnFinished(event -> screenshotAndExit(opened, screenshotFile));
            delay.play();
        }
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
        log.info("Console stopped");
    }
}
