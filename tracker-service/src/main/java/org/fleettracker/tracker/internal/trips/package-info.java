/**
 * Trips and stops: detection from a vehicle's accepted positions, the fleet rule that keeps them current (late fixes
 * included), and their storage.
 */
@NullMarked
package org.fleettracker.tracker.internal.trips;

import org.jspecify.annotations.NullMarked;
