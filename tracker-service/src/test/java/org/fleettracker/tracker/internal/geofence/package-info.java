/** Tests. */
@NullMarked
package org.fleettracker.tracker.internal.geofence;

import org.jspecify.annotations.NullMarked;
