/**
 * The dispatcher's actions (alert acknowledgements, commands, jobs), stored on local disk until the tracker
 * confirms them, so that actions taken offline survive a restart and reach the tracker once.
 */
@NullMarked
package org.fleettracker.console.internal.outbox;

import org.jspecify.annotations.NullMarked;
