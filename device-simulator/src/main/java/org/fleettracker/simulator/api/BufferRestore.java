package org.fleettracker.simulator.api;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.List;

/**
 * The contents of a run's buffer directory when the run started.
 *
 * @param directory the buffer directory
 * @param fixes unacknowledged fixes that a previous run left there
 * @param vehicles vehicles those fixes belong to
 * @param fixesOfOtherVehicles fixes among them whose fleet and vehicle id are not in this run; they stay on disk
 * @param damagedFiles segment files with bytes that held no readable record
 * @param skippedBytes bytes skipped in those files; fixes whose records were in them are lost
 * @param damagedInside whether bytes were skipped before a readable record, which a killed run cannot cause. False
 *     when the skipped bytes are only at the ends of the files, where a run killed while writing leaves them
 * @param keptFiles the damaged files, renamed with the suffix {@code .corrupt} and not read again
 * @param compactionError null normally, else why the buffer could not be rewritten at start, as on a full disk; the
 *     old files are then used as they are and the run keeps new fixes in memory only
 */
public record BufferRestore(
        Path directory,
        long fixes,
        int vehicles,
        long fixesOfOtherVehicles,
        int damagedFiles,
        long skippedBytes,
        boolean damagedInside,
        List<Path> keptFiles,
        @Nullable String compactionError) {}
