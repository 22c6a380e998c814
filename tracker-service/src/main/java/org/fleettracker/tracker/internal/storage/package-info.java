/** Storage in H2 or PostgreSQL of positions, rejects, events, jobs and commands, migrated by Flyway. */
@NullMarked
package org.fleettracker.tracker.internal.storage;

import org.jspecify.annotations.NullMarked;
