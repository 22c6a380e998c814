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
 * @param subscriptionRefused whether a {@code REFUSED} state comes from a refused subscription, which another login
 *     would not change, rather than from a refused login
 */
public record ConnectionStatus(
        ConnectionState state,
        String brokerUri,
        @Nullable String detail,
        Instant since,
        @Nullable Instant nextAttempt,
        boolean subscriptionRefused) {

    /** Creates a status that is not a refused subscription. */
    public ConnectionStatus(
            ConnectionState state,
            String brokerUri,
            @Nullable String detail,
            Instant since,
            @Nullable Instant nextAttempt) {
        this(state, brokerUri, detail, since, nextAttempt, false);
    }
}
