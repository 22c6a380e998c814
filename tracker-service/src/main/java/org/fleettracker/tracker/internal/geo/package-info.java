/** Geometry on the WGS 84 sphere: distances, point in polygon and signed distances to geofence borders. */
@NullMarked
package org.fleettracker.tracker.internal.geo;

import org.jspecify.annotations.NullMarked;
