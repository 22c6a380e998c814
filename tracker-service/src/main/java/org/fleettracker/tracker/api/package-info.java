/**
 * Public entry points of the tracker service: the {@link org.fleettracker.tracker.api.Tracker} handle, its
 * {@link org.fleettracker.tracker.api.TrackerSettings} and the {@link org.fleettracker.tracker.api.Main} command.
 */
@NullMarked
package org.fleettracker.tracker.api;

import org.jspecify.annotations.NullMarked;
