/** Coordination of several tracker instances that share one database. */
@NullMarked
package org.fleettracker.tracker.internal.cluster;

import org.jspecify.annotations.NullMarked;
