/** Fault tests: the tracker in a child process under crashes, broker restarts and database outages. */
@NullMarked
package org.fleettracker.tracker.faults;

import org.jspecify.annotations.NullMarked;
