/** Client of the tracker's HTTP API: history reads for the console's views and the writes of its outbox. */
@NullMarked
package org.fleettracker.console.internal.api;

import org.jspecify.annotations.NullMarked;
