package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import com.hivemq.extension.sdk.api.services.session.SessionInformation;
import org.fleettracker.broker.internal.session.SessionOwners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Records in {@link SessionOwners} who owns each client id's session. The owner changes only once HiveMQ has set the
 * connection up, when it calls this initializer: a CONNECT that HiveMQ rejects after authentication leaves the old
 * session, so it must leave the old owner too. Thread-safe.
 */
public final class SessionOwnerRecorder implements ClientInitializer {

    private static final Logger log = LoggerFactory.getLogger(SessionOwnerRecorder.class);

    /** Connection attribute that contains the session expiry interval of the CONNECT, in seconds. */
    static final String SESSION_EXPIRY_ATTRIBUTE = "org.fleettracker.session-expiry-s";

    /** Connection attribute that contains the {@code AccountKey} of the authenticated account. */
    static final String ACCOUNT_ATTRIBUTE = "org.fleettracker.account";

    private final SessionOwners owners;
    private final Function<String, CompletableFuture<Optional<SessionInformation>>> sessionLookup;

    /**
     * @param sessionLookup HiveMQ's session lookup, {@code Services.clientService()::getSession}; after a disconnect
     *     it returns the expiry the session really has, which the client may have changed in its DISCONNECT
     */
    public SessionOwnerRecorder(
            SessionOwners owners, Function<String, CompletableFuture<Optional<SessionInformation>>> sessionLookup) {
        this.owners = owners;
        this.sessionLookup = sessionLookup;
    }

    @Override
    public void initialize(InitializerInput input, ClientContext context) {
        ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
        Optional<String> username = attributes.getAsString(FleetAuthenticator.USERNAME_ATTRIBUTE);
        Optional<String> token = attributes.getAsString(FleetAuthenticator.CONNECTION_TOKEN_ATTRIBUTE);
        Optional<String> account = attributes.getAsString(ACCOUNT_ATTRIBUTE);
        Optional<String> expiry = attributes.getAsString(SESSION_EXPIRY_ATTRIBUTE);
        String clientId = input.getClientInformation().getClientId();
        if (username.isEmpty() || token.isEmpty() || account.isEmpty() || expiry.isEmpty()) {
            log.warn("Client '{}' connected without the attributes of an authenticated connection", clientId);
            return;
        }
        // NOTE: a session with expiry above 0 makes this write the owner file on the calling HiveMQ thread.
        owners.connected(clientId, token.get(), username.get(), account.get(), Long.parseLong(expiry.get()));
    }

    /** Records that a connection ended; its session stays owned by the same user until the session expires. */
    void disconnected(ClientBasedInput input) {
        ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
        Optional<String> token = attributes.getAsString(FleetAuthenticator.CONNECTION_TOKEN_ATTRIBUTE);
        Optional<String> expiry = attributes.getAsString(SESSION_EXPIRY_ATTRIBUTE);
        if (token.isEmpty() || expiry.isEmpty()) {
            return;
        }
        String clientId = input.getClientInformation().getClientId();
        long sessionExpiryS = Long.parseLong(expiry.get());
        owners.disconnected(clientId, token.get(), sessionExpiryS);
        if (sessionExpiryS > 0) {
            sessionLookup.apply(clientId).whenComplete((session, error) -> {
                if (error != null) {
                    log.warn("Looking up the session of client '{}' failed: {}", clientId, error.toString());
                } else if (session.isEmpty() || !session.get().isConnected()) {
                    owners.sessionChecked(clientId, session.map(SessionInformation::getSessionExpiryInterval));
                }
            });
        }
    }
}
