/** Dispatch jobs and commands to vehicles: storing, publishing, and following their acks. */
@NullMarked
package org.fleettracker.tracker.internal.dispatch;

import org.jspecify.annotations.NullMarked;
