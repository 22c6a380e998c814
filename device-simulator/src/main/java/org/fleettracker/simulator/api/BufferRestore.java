package org.fleettracker.simulator.api;

import java.nio.file.Path;

/**
 * The contents of a run's buffer directory when the run started.
 *
 * @param directory the buffer directory
 * @param fixes unacknowledged fixes that a previous run left there
 * @param vehicles vehicles those fixes belong to
 * @param fixesOfOtherVehicles fixes among them whose fleet and vehicle id are not in this run; they stay on disk
 * @param tornFiles segment files that ended in a torn or damaged record, as a killed run can leave them
 * @param tornBytes bytes skipped in those torn tails
 */
public record BufferRestore(
        Path directory, long fixes, int vehicles, long fixesOfOtherVehicles, int tornFiles, long tornBytes) {}
