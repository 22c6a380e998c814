/** Tests. */
@NullMarked
package org.fleettracker.tracker.internal.storage;

import org.jspecify.annotations.NullMarked;
