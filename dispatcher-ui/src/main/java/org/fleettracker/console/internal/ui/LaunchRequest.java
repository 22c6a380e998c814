package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConsoleSettings;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the launcher hands to {@link ConsoleApp}, which JavaFX creates by reflection.
 *
 * @param screenshotFile where to write a PNG of the window before exiting; null to run until closed
 * @param screenshotDelay how long after the window opens the screenshot is taken
 */
public record LaunchRequest(ConsoleSettings settings, @Nullable Path screenshotFile, Duration screenshotDelay) {}
