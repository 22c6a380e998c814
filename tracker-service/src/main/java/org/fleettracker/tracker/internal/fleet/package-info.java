/**
 * Fleet rules: turn committed positions, presence and the passing of time into status, events, alerts, geofence
 * crossings, trips and job progress.
 */
@NullMarked
package org.fleettracker.tracker.internal.fleet;

import org.jspecify.annotations.NullMarked;
