/**
 * Geofences: the model, the GeoJSON form of the file and the HTTP API, storage, and the rule that raises enter,
 * leave and dwell events.
 */
@NullMarked
package org.fleettracker.tracker.internal.geofence;

import org.jspecify.annotations.NullMarked;
