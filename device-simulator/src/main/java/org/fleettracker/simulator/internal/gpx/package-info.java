/** XXE-safe GPX 1.0 and 1.1 reader and the replay plan built from a track. */
@NullMarked
package org.fleettracker.simulator.internal.gpx;

import org.jspecify.annotations.NullMarked;
