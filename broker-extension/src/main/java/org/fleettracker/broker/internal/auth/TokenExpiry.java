package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import com.hivemq.extension.sdk.api.services.Services;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Disconnects a client that authenticated with an access token when the token expires.
 *
 * <p>Each successful CONNECT gets a new connection generation, kept in its connection attributes. The timer of a
 * token connection is keyed by client id and generation. A newer connection of the same client id (token or
 * password) cancels the older timer. A disconnect removes only the timer of its own generation. So no entry outlives
 * its connection or its token. Thread-safe.
 */
public final class TokenExpiry {

    private static final Logger log = LoggerFactory.getLogger(TokenExpiry.class);

    /** Connection attribute with the connection generation, a decimal number. */
    static final String GENERATION_ATTRIBUTE = "org.fleettracker.connection-generation";

    /** Reason string of the DISCONNECT sent when the token expires. */
    public static final String EXPIRED_REASON = "access token expired";

    private final AtomicLong lastGeneration = new AtomicLong();
    private final ConcurrentMap<String, Timer> timersByClientId = new ConcurrentHashMap<>();
    private final Clock clock;

    public TokenExpiry(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records a successful CONNECT and cancels the timer of any older connection of the same client id.
     *
     * @param validUntil when the token stops being valid, or null for a connection with a password
     */
    void connected(ClientBasedInput client, @Nullable Instant validUntil) {
        String clientId = client.getClientInformation().getClientId();
        long generation = lastGeneration.incrementAndGet();
        attributes(client).putAsString(GENERATION_ATTRIBUTE, Long.toString(generation));
        if (validUntil == null) {
            cancel(timersByClientId.remove(clientId));
            return;
        }
        Timer timer = new Timer(generation);
        cancel(timersByClientId.put(clientId, timer));
        long delayMs = Math.max(0, Duration.between(clock.instant(), validUntil).toMillis());
        // The timer is in the map before it is scheduled, so a delay of 0 still finds it.
        timer.future = Services.extensionExecutorService()
                .schedule(() -> expire(clientId, timer), delayMs, TimeUnit.MILLISECONDS);
    }

    /** Forgets the timer of a closed connection, unless a newer connection of its client id replaced it. */
    void disconnected(ClientBasedInput client) {
        Optional<Long> generation =
                attributes(client).getAsString(GENERATION_ATTRIBUTE).map(Long::valueOf);
        if (generation.isEmpty()) {
            return;
        }
        String clientId = client.getClientInformation().getClientId();
        timersByClientId.computeIfPresent(clientId, (id, timer) -> {
            if (timer.generation != generation.get()) {
                return timer;
            }
            cancel(timer);
            return null;
        });
    }

    private void expire(String clientId, Timer timer) {
        if (!timersByClientId.remove(clientId, timer)) {
            return;
        }
        // NOTE: a new CONNECT of the same client id that is accepted between the removal above and the disconnect
        // below is closed in place of the expired one. The window is a few microseconds wide.
        ConnectionEvents.tokenExpired(clientId);
        Services.clientService()
                .disconnectClient(clientId, false, DisconnectReasonCode.NOT_AUTHORIZED, EXPIRED_REASON)
                .whenComplete((done, error) -> {
                    if (error != null) {
                        log.warn("Disconnecting client '{}' at token expiry failed: {}", clientId, error.toString());
                    }
                });
    }

    private static void cancel(@Nullable Timer timer) {
        if (timer != null && timer.future != null) {
            timer.future.cancel(false);
        }
    }

    private static ConnectionAttributeStore attributes(ClientBasedInput client) {
        return client.getConnectionInformation().getConnectionAttributeStore();
    }

    /** The expiry timer of one token connection. */
    private static final class Timer {
        final long generation;
        volatile @Nullable ScheduledFuture<?> future;

        Timer(long generation) {
            this.generation = generation;
        }
    }
}
