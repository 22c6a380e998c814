/** Tests. */
@NullMarked
package org.fleettracker.tracker.internal.owntracks;

import org.jspecify.annotations.NullMarked;
