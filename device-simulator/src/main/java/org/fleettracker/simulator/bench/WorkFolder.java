package org.fleettracker.simulator.bench;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Decides whether the benchmark's work folder is deleted after a run, and deletes it. */
final class WorkFolder {

    private WorkFolder() {}

    /**
     * Returns why the folder of a finished run is kept, or null when it can be deleted. A folder named with
     * {@code --work-dir} is always kept, because it may hold files of the user's own; so is the folder of a run that
     * lost a fix, whose logs show why.
     */
    static @Nullable String keepReason(boolean namedByUser, boolean keepOption, long lostFixes) {
        if (namedByUser) {
            return "--work-dir named it";
        }
        if (keepOption) {
            return "--keep-work-dir is set";
        }
        if (lostFixes > 0) {
            return lostFixes + " fixes were lost and its logs show why";
        }
        return null;
    }

    /** Deletes {@code folder} with everything in it; symbolic links are deleted, never followed. */
    static void delete(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
