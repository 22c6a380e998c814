/** Readers of replay files other than GPX: NMEA 0183, OwnTracks recorder files and CSV. */
@NullMarked
package org.fleettracker.simulator.internal.replay;

import org.jspecify.annotations.NullMarked;
