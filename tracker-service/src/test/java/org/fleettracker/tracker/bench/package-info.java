/** Tests of the {@code ./fleet bench} benchmark that need the tracker's classes to start a tracker process. */
@NullMarked
package org.fleettracker.tracker.bench;

import org.jspecify.annotations.NullMarked;
