/** In-memory state of every vehicle, moved forward in fix time only. */
@NullMarked
package org.fleettracker.tracker.internal.state;

import org.jspecify.annotations.NullMarked;
