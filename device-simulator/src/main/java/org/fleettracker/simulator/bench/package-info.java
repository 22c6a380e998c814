/**
 * The {@code ./fleet bench} benchmark: a fixed scenario of simulated vehicles against a broker alone and against a
 * fresh tracker, reporting rates, latencies, CPU time per message and lost messages.
 */
@NullMarked
package org.fleettracker.simulator.bench;

import org.jspecify.annotations.NullMarked;
