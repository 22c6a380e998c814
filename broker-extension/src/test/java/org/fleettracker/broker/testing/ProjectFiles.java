package org.fleettracker.broker.testing;

import org.jspecify.annotations.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of this repository from a test, whichever module folder the test runs in. */
final class ProjectFiles {

    private ProjectFiles() {}

    /**
     * Returns the path that the system property {@code property} names, or else {@code relative} resolved against
     * the working folder or the nearest of its parents where it exists; null when it exists nowhere.
     */
    static @Nullable Path find(String property, String relative) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
