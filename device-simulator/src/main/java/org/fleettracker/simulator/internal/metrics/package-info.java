/** Micrometer meters of the simulator, exported in the Prometheus text format. */
@NullMarked
package org.fleettracker.simulator.internal.metrics;

import org.jspecify.annotations.NullMarked;
