/** Micrometer meters of the tracker, exported in the Prometheus text format. */
@NullMarked
package org.fleettracker.tracker.internal.metrics;

import org.jspecify.annotations.NullMarked;
