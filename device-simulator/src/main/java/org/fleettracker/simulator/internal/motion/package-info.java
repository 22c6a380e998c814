/** Generated road-like motion: a street grid around a centre and vehicles that drive it. */
@NullMarked
package org.fleettracker.simulator.internal.motion;

import org.jspecify.annotations.NullMarked;
