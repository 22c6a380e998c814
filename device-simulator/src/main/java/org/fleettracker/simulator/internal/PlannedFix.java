package org.fleettracker.simulator.internal;

import org.fleettracker.simulator.internal.motion.MotionFix;

import java.time.Duration;
import java.time.Instant;

/** A fix to send {@code sendOffset} after the run starts, measured at {@code fixTime}. */
public record PlannedFix(Duration sendOffset, Instant fixTime, MotionFix fix) {}
