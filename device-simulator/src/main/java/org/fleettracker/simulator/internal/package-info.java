/** Simulator engine: schedules fix sources and feeds vehicle links; not for use by other modules. */
@NullMarked
package org.fleettracker.simulator.internal;

import org.jspecify.annotations.NullMarked;
