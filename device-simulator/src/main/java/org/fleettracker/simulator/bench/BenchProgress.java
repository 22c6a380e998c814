package org.fleettracker.simulator.bench;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The step a benchmark run is in and its work folder, which a shutdown hook prints when SIGTERM or Ctrl-C stops the
 * run. Thread-safe, because the run's thread writes and the hook's thread reads.
 */
final class BenchProgress {

    private volatile String step = "set-up";
    private volatile @Nullable Path workDir;
    private volatile boolean finished;
    private volatile boolean interrupted;

    /** Records the step that starts now, such as {@code "pipeline phase"}. */
    void enter(String step) {
        this.step = step;
    }

    void workDir(Path workDir) {
        this.workDir = workDir;
    }

    /** Returns the work folder, or null before the run created it. */
    @Nullable
    Path workDir() {
        return workDir;
    }

    /** Records that the run returned or failed, so a later shutdown is a normal exit. */
    void finish() {
        finished = true;
    }

    /**
     * Marks the run as interrupted, unless it had finished.
     *
     * @return the message naming the step and the kept work folder, or empty when it had finished
     */
    Optional<String> interrupt() {
        if (finished) {
            return Optional.empty();
        }
        interrupted = true;
        Path folder = workDir;
        String kept = folder == null ? "No work folder was created yet." : "Its work folder " + folder + " is kept.";
        return Optional.of(
                "The benchmark was interrupted during the " + step + ", so it wrote no report and no JSON. " + kept);
    }

    /** Returns whether the JVM is stopping because of a signal, so failures of the children are expected. */
    boolean interrupted() {
        return interrupted;
    }
}
