package org.fleettracker.simulator.api;

/**
 * Faults that a run injected on purpose, as {@link FaultSettings} asked.
 *
 * @param connectionsDropped connections closed without an MQTT DISCONNECT
 * @param duplicates fixes published a second time, with the same seq
 * @param reordered fixes published after the fix that followed them
 * @param malformed payloads replaced by invalid JSON or by a fix with an invalid field
 * @param skewed fixes whose fix time was shifted by the clock skew
 */
public record FaultCounts(long connectionsDropped, long duplicates, long reordered, long malformed, long skewed) {

    /** No faults. */
    public static final FaultCounts NONE = new FaultCounts(0, 0, 0, 0, 0);
}
