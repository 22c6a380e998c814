package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConsoleSettings;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the launcher hands to {@link ConsoleApp}, which JavaFX creates by reflection.
 *
 * @param loginRequired whether no password was given, so a login dialog requests user name and password or token
 *     before the console connects; the password of {@code settings} is then empty
 * @param screenshotFile where to write a PNG of the window before exiting; null to run until closed
 * @param screenshotDelay how long after the window opens the screenshot is taken
 * @param metricsPort port of the Prometheus endpoint, 0 for a free one; null serves no metrics
 * @param metricsBindAddress address of the Prometheus endpoint
 */
public record LaunchRequest(
        ConsoleSettings settings,
        boolean loginRequired,
        @Nullable Path screenshotFile,
        Duration screenshotDelay,
        @Nullable Integer metricsPort,
        String metricsBindAddress) {}
