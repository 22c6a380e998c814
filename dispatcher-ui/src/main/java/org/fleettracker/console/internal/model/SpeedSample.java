package org.fleettracker.console.internal.model;

import java.time.Instant;

/** A vehicle's speed at one fix time, for the speed charts. */
public record SpeedSample(Instant fixTime, double speedKmh) {}
