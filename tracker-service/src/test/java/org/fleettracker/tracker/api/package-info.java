/** Tests. */
@NullMarked
package org.fleettracker.tracker.api;

import org.jspecify.annotations.NullMarked;
