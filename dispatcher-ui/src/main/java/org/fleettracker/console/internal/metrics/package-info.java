/** Micrometer meters of the console, exported in the Prometheus text format. */
@NullMarked
package org.fleettracker.console.internal.metrics;

import org.jspecify.annotations.NullMarked;
