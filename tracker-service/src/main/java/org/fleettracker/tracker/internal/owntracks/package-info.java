/** The OwnTracks app as a vehicle source: the mapping of OwnTracks users and devices to fleet vehicles. */
@NullMarked
package org.fleettracker.tracker.internal.owntracks;

import org.jspecify.annotations.NullMarked;
