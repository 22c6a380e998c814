/**
 * Store-and-forward buffer on disk: an append-only log of the fixes that the broker has not acknowledged yet, so that
 * a restarted simulator sends them first.
 */
@NullMarked
package org.fleettracker.simulator.internal.buffer;

import org.jspecify.annotations.NullMarked;
