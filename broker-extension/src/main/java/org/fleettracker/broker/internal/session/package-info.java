/** Ownership of persistent MQTT sessions: which user may resume the session of a client id. */
@NullMarked
package org.fleettracker.broker.internal.session;

import org.jspecify.annotations.NullMarked;
