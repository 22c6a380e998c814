package org.fleettracker.console.internal.model;

import java.time.Instant;

/**
 * The connection to the broker was lost at {@code since}; every update with a sequence number up to
 * {@code sequence} arrived before the loss.
 */
public record StaleMark(Instant since, long sequence) {}
