package org.fleettracker.simulator.internal.gpx;

/**
 * A line of a replay file that a reader skipped instead of failing the whole file.
 *
 * @param reason short, fixed category such as {@code bad checksum}, so that skipped lines can be counted by reason
 * @param detail the offending value or what was expected, for the log
 */
public record SkippedLine(int lineNumber, String reason, String detail) {}
