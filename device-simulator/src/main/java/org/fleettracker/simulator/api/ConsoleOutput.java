package org.fleettracker.simulator.api;

import org.jspecify.annotations.Nullable;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The command line's user-facing output: progress and the final summary on stdout, errors on stderr. */
final class ConsoleOutput {

    private final PrintStream out;
    private final PrintStream err;
    private volatile boolean showFaults;
    private volatile boolean showDisk;

    ConsoleOutput() {
        this(System.out, System.err);
    }

    ConsoleOutput(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void started(SimulatorSettings settings, int vehicles) {
        showFaults = settings.faults().any();
        showDisk = settings.buffer().onDisk();
        String mode = settings.isReplay()
                ? "replaying " + settings.replayFile() + " at speedup " + settings.speedup()
                : "driving around " + settings.centerLatitudeDeg() + "," + settings.centerLongitudeDeg() + " within "
                        + settings.radiusKm() + " km, motion "
                        + settings.motion().name().toLowerCase(Locale.ROOT)
                        + ", seed " + settings.seed();
        out.printf(
                Locale.ROOT,
                "Simulating %d vehicles of fleet %s on %s, %s%n",
                vehicles,
                settings.fleetId(),
                settings.brokerUrl(),
                mode);
        out.flush();
    }

    /** Prints how many lines of the replay file were skipped, by reason; prints nothing when none were. */
    void skippedLines(SimulatorSettings settings, Map<String, Long> countsByReason) {
        if (countsByReason.isEmpty()) {
            return;
        }
        long total = countsByReason.values().stream().mapToLong(Long::longValue).sum();
        StringJoiner reasons = new StringJoiner(", ");
        countsByReason.forEach((reason, count) -> reasons.add(count + " " + reason));
        out.printf(Locale.ROOT, "skipped %d lines of %s: %s%n", total, settings.replayFile(), reasons);
        out.flush();
    }

    /** Prints what the buffer directory held at start; prints nothing without a buffer directory. */
    void bufferRestored(@Nullable BufferRestore restore) {
        if (restore == null) {
            return;
        }
        out.printf(
                Locale.ROOT,
                "buffer %s: restored %d fixes of %d vehicles, %d of them for vehicles outside this run%n",
                restore.directory(),
                restore.fixes(),
                restore.vehicles(),
                restore.fixesOfOtherVehicles());
        if (restore.damagedFiles() > 0) {
            out.printf(
                    Locale.ROOT,
                    "buffer %s: skipped %d unreadable bytes in %d files, %s; fixes stored in those bytes are lost%n",
                    restore.directory(),
                    restore.skippedBytes(),
                    restore.damagedFiles(),
                    restore.damagedInside()
                            ? "some of them between readable records, so the files were damaged"
                            : "all at the ends of the files, as a simulator killed while writing or a full disk"
                                    + " leaves them");
        }
        if (!restore.keptFiles().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "buffer %s: kept the damaged files as %s; they are not read again%n",
                    restore.directory(),
                    restore.keptFiles());
        }
        if (restore.compactionError() != null) {
            out.printf(
                    Locale.ROOT,
                    "buffer %s: writing to it failed (%s), so its files are used as they are and new fixes are kept"
                            + " in memory only; free space in it%n",
                    restore.directory(),
                    restore.compactionError());
        }
        out.flush();
    }

    void progress(SimulatorSummary summary) {
        out.println("progress: " + counters(summary) + disk(summary) + faults(summary) + jobs(summary));
        out.flush();
    }

    void finished(SimulatorSummary summary, boolean complete) {
        out.println((complete ? "finished: " : "stopped: ")
                + counters(summary)
                + disk(summary)
                + faults(summary)
                + jobs(summary));
        out.flush();
    }

    void error(String message) {
        err.println("error: " + message);
        err.flush();
    }

    /** Returns the buffer directory's counters as a suffix, or nothing when the run keeps fixes in memory only. */
    private String disk(SimulatorSummary summary) {
        if (!showDisk) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "; on disk: buffered %d, restored %d%s",
                summary.bufferedOnDisk(),
                summary.restoredFromDisk(),
                summary.notWrittenToDisk() == 0
                        ? ""
                        : ", not written " + summary.notWrittenToDisk() + " (in memory only)");
    }

    /** Returns the injected faults as a suffix of the counters, or nothing when the run injects none. */
    private String faults(SimulatorSummary summary) {
        if (!showFaults) {
            return "";
        }
        FaultCounts faults = summary.faults();
        return String.format(
                Locale.ROOT,
                "; injected: connections dropped %d, duplicates %d, out of order %d, malformed %d, skewed %d",
                faults.connectionsDropped(),
                faults.duplicates(),
                faults.reordered(),
                faults.malformed(),
                faults.skewed());
    }

    /** Returns the job counters as a suffix, or nothing while no vehicle got a job. */
    private static String jobs(SimulatorSummary summary) {
        JobCounts jobs = summary.jobs();
        if (jobs.accepted() == 0 && jobs.rejected() == 0) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "; jobs: accepted %d, rejected %d, stops reached %d, completed %d",
                jobs.accepted(),
                jobs.rejected(),
                jobs.stopsReached(),
                jobs.completed());
    }

    private static String counters(SimulatorSummary summary) {
        return String.format(
                Locale.ROOT,
                "connected %d/%d, published %d, acknowledged %d, rejected %d, buffered %d, dropped %d, reconnects %d,"
                        + " failed vehicles %d, discarded %d",
                summary.connectedVehicles(),
                summary.vehicles(),
                summary.published(),
                summary.acknowledged(),
                summary.rejected(),
                summary.bufferedNow(),
                summary.droppedByOverflow(),
                summary.reconnects(),
                summary.failedVehicles(),
                summary.discardedByFailedVehicles());
    }
}
