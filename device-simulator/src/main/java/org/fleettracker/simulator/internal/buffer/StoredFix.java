package org.fleettracker.simulator.internal.buffer;

/**
 * One fix in the buffer: its encoded telemetry payload as it was published, with its seq.
 *
 * @param recordId the vehicle's number for the fix, increasing in the order the fixes were produced
 * @param seq the seq inside the payload, kept so that a restarted run can continue after it
 */
public record StoredFix(long recordId, long seq, byte[] payload) {}
