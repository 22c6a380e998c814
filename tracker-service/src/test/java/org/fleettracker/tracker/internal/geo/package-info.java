/** Tests. */
@NullMarked
package org.fleettracker.tracker.internal.geo;

import org.jspecify.annotations.NullMarked;
