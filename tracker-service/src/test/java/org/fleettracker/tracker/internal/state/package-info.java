/** Tests. */
@NullMarked
package org.fleettracker.tracker.internal.state;

import org.jspecify.annotations.NullMarked;
