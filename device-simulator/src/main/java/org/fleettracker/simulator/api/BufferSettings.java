package org.fleettracker.simulator.api;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how a run keeps its unacknowledged fixes. {@link #MEMORY_ONLY} keeps them in memory, so stopping the run
 * loses them.
 *
 * @param directory folder of the store-and-forward buffer on disk, or null to keep fixes in memory only. A run that
 *     opens a folder sends the fixes a previous run left there first; two runs cannot use one folder at a time
 * @param overflow which fix a vehicle drops when it already has {@link SimulatorSettings#bufferSize()} fixes waiting
 * @param syncInterval maximum time between two fsync calls on the buffer. A power loss or an operating system crash
 *     can lose the fixes written in the last interval. A killed simulator loses only the fixes not yet handed to the
 *     operating system, a few milliseconds' worth
 */
public record BufferSettings(@Nullable Path directory, BufferOverflow overflow, Duration syncInterval) {

    public static final BufferOverflow DEFAULT_OVERFLOW = BufferOverflow.DROP_OLDEST;
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMillis(200);

    /** No buffer on disk; a full outbox drops its oldest fix. */
    public static final BufferSettings MEMORY_ONLY = new BufferSettings(null, DEFAULT_OVERFLOW, DEFAULT_SYNC_INTERVAL);

    public BufferSettings {
        if (syncInterval.toMillis() < 1 || syncInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException(
                    "buffer sync interval must be from 1 ms to 1 minute, got " + syncInterval.toMillis() + " ms");
        }
    }

    /** Returns whether fixes are kept on disk. */
    public boolean onDisk() {
        return directory != null;
    }
}
