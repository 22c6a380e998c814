/** H2 storage of positions and rejects, migrated by Flyway. */
@NullMarked
package org.fleettracker.tracker.internal.storage;

import org.jspecify.annotations.NullMarked;
