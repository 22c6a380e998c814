/** Tests. */
@NullMarked
package org.fleettracker.tracker.internal.trips;

import org.jspecify.annotations.NullMarked;
