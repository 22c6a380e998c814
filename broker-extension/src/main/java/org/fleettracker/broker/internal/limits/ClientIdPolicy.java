package org.fleettracker.broker.internal.limits;

import org.fleettracker.broker.api.DuplicateClientIdPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Applies the {@link DuplicateClientIdPolicy} to each authenticated CONNECT, and remembers the address of every
 * connected client id so that a takeover or a rejection can be logged with both addresses.
 *
 * <p>The map of connections is the first check, because it is updated at once, so two CONNECTs with the same client
 * id cannot both pass under {@link DuplicateClientIdPolicy#REJECT_NEW}. An entry can outlive its connection when
 * HiveMQ drops a client after authentication without a lifecycle event, so before rejecting, the policy checks with
 * HiveMQ whether the client id is really connected. Thread-safe.
 */
public final class ClientIdPolicy {

    private static final Logger log = LoggerFactory.getLogger(ClientIdPolicy.class);

    /** Maximum wait for HiveMQ's connected check; a check that times out counts as connected. */
    private static final Duration CONNECTED_CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final DuplicateClientIdPolicy policy;
    private final Function<String, CompletableFuture<Boolean>> isClientConnected;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    /**
     * @param isClientConnected HiveMQ's check, {@code Services.clientService()::isClientConnected}
     */
    public ClientIdPolicy(
            DuplicateClientIdPolicy policy, Function<String, CompletableFuture<Boolean>> isClientConnected) {
        this.policy = policy;
        this.isClientConnected = isClientConnected;
    }

    /** One authenticated connection: its remote address and a token unique to it. */
    public record Connection(String address, String token) {}

    /** Outcome of {@link #admit}: the connection that was there before, and whether the new one may connect. */
    public record Admission(boolean accepted, @Nullable Connection previous) {}

    /**
     * Admits or rejects a CONNECT of {@code clientId} whose credentials are valid. May block for up to 2 s, so call
     * it on the extension executor, never on a HiveMQ network thread.
     */
    public Admission admit(String clientId, Connection connection) {
        if (policy == DuplicateClientIdPolicy.TAKEOVER) {
            return new Admission(true, connections.put(clientId, connection));
        }
        Connection existing = connections.putIfAbsent(clientId, connection);
        if (existing == null) {
            return new Admission(true, null);
        }
        if (!stillConnected(clientId) && connections.replace(clientId, existing, connection)) {
            return new Admission(true, null);
        }
        return new Admission(false, existing);
    }

    /** Forgets {@code clientId} if its connection is the one with {@code token}, not a newer one. */
    public void disconnected(String clientId, String token) {
        connections.computeIfPresent(clientId, (id, current) -> current.token().equals(token) ? null : current);
    }

    /** Returns the connection of {@code clientId} that this policy admitted last. */
    public Optional<Connection> connection(String clientId) {
        return Optional.ofNullable(connections.get(clientId));
    }

    /**
     * Returns whether HiveMQ has a connection with {@code clientId}; a check that fails or times out counts as
     * connected. May block for up to 2 s.
     */
    public boolean isConnected(String clientId) {
        return stillConnected(clientId);
    }

    int trackedClients() {
        return connections.size();
    }

    private boolean stillConnected(String clientId) {
        try {
            return isClientConnected.apply(clientId).get(CONNECTED_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn(
                    "Checking whether client '{}' is connected failed, so it counts as connected: {}",
                    clientId,
                    e.toString());
            return true;
        }
    }
}
