package org.fleettracker.simulator.internal.buffer;

/** Overflow policy: the fix that a vehicle's full outbox drops to make room. */
public enum OverflowPolicy {
    /** Drops the oldest fix waiting to be sent, so the freshest positions survive a long outage. */
    DROP_OLDEST,
    /** Drops the fix just produced, so the start of an outage is kept. */
    DROP_NEWEST
}
