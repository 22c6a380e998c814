/**
 * Limits that keep one client from exhausting the broker: failed-login throttling, the duplicate client id policy,
 * the payload size and publish rate limits, the repeat limit of the connections log, and the counters of all of them.
 */
@NullMarked
package org.fleettracker.broker.internal.limits;

import org.jspecify.annotations.NullMarked;
