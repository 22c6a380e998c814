/** Shared fixtures, clients and assertions of the tracker tests. */
@NullMarked
package org.fleettracker.tracker.testing;

import org.jspecify.annotations.NullMarked;
