/**
 * Public entry points of the device simulator: the {@link org.fleettracker.simulator.api.Simulator} handle, its
 * settings and the command line.
 */
@NullMarked
package org.fleettracker.simulator.api;

import org.jspecify.annotations.NullMarked;
