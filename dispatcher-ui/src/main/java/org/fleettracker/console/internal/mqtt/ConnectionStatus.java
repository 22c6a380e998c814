package org.fleettracker.console.internal.mqtt;

import org.fleettracker.console.api.ConnectionState;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One state of the broker connection.
 *
 * @param detail why the connection is not up, such as the broker's refusal; null when connected
 * @param since when the connection entered this state
 * @param nextAttempt when the next connection attempt starts; null unless {@code DISCONNECTED}
 */
public record ConnectionStatus(
        ConnectionState state,
        String brokerUri,
        @Nullable String detail,
        Instant since,
        @Nullable Instant nextAttempt) {}
