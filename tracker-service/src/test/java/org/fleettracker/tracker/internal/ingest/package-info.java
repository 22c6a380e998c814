/** Tests. */
@NullMarked
package org.fleettracker.tracker.internal.ingest;

import org.jspecify.annotations.NullMarked;
