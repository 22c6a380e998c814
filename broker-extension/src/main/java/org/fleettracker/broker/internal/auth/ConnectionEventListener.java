package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationFailedInput;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionLostInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import org.fleettracker.broker.internal.limits.ClientIdPolicy;

/**
 * Logs disconnects through {@link ConnectionEvents}, removes the connection from {@link ConnectedClients}, passes the
 * disconnect to {@link TokenExpiry} and releases the client id in the {@link ClientIdPolicy}. Connects and
 * failed authentications are logged by the authenticator, which has the user and the reason. Thread-safe.
 */
public final class ConnectionEventListener implements ClientLifecycleEventListener {

    private final ConnectedClients connectedClients;
    private final TokenExpiry tokenExpiry;
    private final ClientIdPolicy clientIdPolicy;

    public ConnectionEventListener(
            ConnectedClients connectedClients, TokenExpiry tokenExpiry, ClientIdPolicy clientIdPolicy) {
        this.connectedClients = connectedClients;
        this.tokenExpiry = tokenExpiry;
        this.clientIdPolicy = clientIdPolicy;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        // The authenticator logs the outcome of the CONNECT.
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        // The authenticator logs the user and the permissions.
    }

    @Override
    public void onAuthenticationFailedDisconnect(AuthenticationFailedInput input) {
        // The authenticator logs the reason.
    }

    @Override
    public void onConnectionLost(ConnectionLostInput input) {
        tokenExpiry.disconnected(input);
        ConnectionEvents.disconnected(input, "lost its connection", "");
        forget(input);
        release(input);
    }

    @Override
    public void onClientInitiatedDisconnect(ClientInitiatedDisconnectInput input) {
        tokenExpiry.disconnected(input);
        ConnectionEvents.disconnected(input, "disconnected", details(input));
        forget(input);
        release(input);
    }

    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
        tokenExpiry.disconnected(input);
        ConnectionEvents.disconnected(input, "was disconnected by the broker", details(input));
        forget(input);
        release(input);
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        tokenExpiry.disconnected(input);
        ConnectionEvents.disconnected(input, "disconnected", details(input));
        forget(input);
        release(input);
    }

    private void forget(ClientBasedInput input) {
        input.getConnectionInformation()
                .getConnectionAttributeStore()
                .getAsString(FleetAuthenticator.CONNECTION_ID_ATTRIBUTE)
                .ifPresent(connectionId ->
                        connectedClients.remove(input.getClientInformation().getClientId(), connectionId));
    }

    private void release(DisconnectEventInput input) {
        String clientId = input.getClientInformation().getClientId();
        input.getConnectionInformation()
                .getConnectionAttributeStore()
                .getAsString(FleetAuthenticator.CONNECTION_TOKEN_ATTRIBUTE)
                .ifPresent(token -> clientIdPolicy.disconnected(clientId, token));
    }

    private static String details(DisconnectEventInput input) {
        String code = input.getReasonCode().map(c -> " with reason code " + c).orElse("");
        String reason = input.getReasonString().map(r -> ": " + r).orElse("");
        return code + reason;
    }
}
