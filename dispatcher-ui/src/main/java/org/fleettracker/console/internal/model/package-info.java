/**
 * View model of the console: merged vehicle updates, trails, stale marks and the map projection.
 *
 * <p>Plain Java, no JavaFX types, so it is tested without the FX toolkit.
 */
@NullMarked
package org.fleettracker.console.internal.model;

import org.jspecify.annotations.NullMarked;
