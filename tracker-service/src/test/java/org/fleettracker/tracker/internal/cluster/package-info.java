/** Tests. */
@NullMarked
package org.fleettracker.tracker.internal.cluster;

import org.jspecify.annotations.NullMarked;
