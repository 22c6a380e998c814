package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import org.fleettracker.broker.internal.users.User;
import org.fleettracker.broker.internal.users.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authenticated connections and the account each one logged in with, so that a reload of the users file can
 * disconnect the clients whose account changed or was removed. Thread-safe.
 *
 * <p>Each connection gets its own id, because a new connection with the same client id takes over the old one and
 * HiveMQ reports the old one's disconnect after the new one authenticated.
 */
public final class ConnectedClients {

    private static final Logger log = LoggerFactory.getLogger(ConnectedClients.class);

    /** Reason string of the DISCONNECT sent to a client whose account changed. */
    static final String ACCOUNT_CHANGED = "The account of this client was changed or removed; connect again";

    private final Map<String, Connection> byClientId = new ConcurrentHashMap<>();

    /** Records an authenticated connection and returns its connection id. */
    String add(String clientId, User user) {
        String connectionId = UUID.randomUUID().toString();
        byClientId.put(clientId, new Connection(connectionId, user));
        return connectionId;
    }

    /** Returns the user name of the connection that uses {@code clientId}, or empty when none is connected with it. */
    Optional<String> usernameOf(String clientId) {
        Connection connection = byClientId.get(clientId);
        return connection == null
                ? Optional.empty()
                : Optional.of(connection.user().username());
    }

    /** Forgets a connection; does nothing when {@code clientId} has been taken over by a newer connection. */
    void remove(String clientId, String connectionId) {
        byClientId.computeIfPresent(
                clientId, (id, connection) -> connection.connectionId().equals(connectionId) ? null : connection);
    }

    /** Returns the client ids whose account in {@code users} differs from the one they logged in with, or is gone. */
    List<String> outdatedBy(Users users) {
        return byClientId.entrySet().stream()
                .filter(entry -> !isCurrent(entry.getValue().user(), users))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** Returns whether {@code user} is still the account of that name in {@code users}. */
    static boolean isCurrent(User user, Users users) {
        Optional<User> now = users.find(user.username());
        return now.isPresent() && now.get().equals(user);
    }

    /** Disconnects every client whose account differs in {@code users}, with reason code NOT_AUTHORIZED. */
    public void disconnectOutdated(Users users, ClientService clientService) {
        for (String clientId : outdatedBy(users)) {
            log.info("Disconnecting client '{}' because its account changed in the users file", clientId);
            clientService
                    .disconnectClient(clientId, false, DisconnectReasonCode.NOT_AUTHORIZED, ACCOUNT_CHANGED)
                    .whenComplete((found, error) -> {
                        if (error != null) {
                            log.warn("Disconnecting client '{}' failed: {}", clientId, error.toString());
                        }
                    });
        }
    }

    /** One authenticated connection. */
    private record Connection(String connectionId, User user) {}
}
