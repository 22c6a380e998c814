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

/**
 * Logs disconnects through {@link ConnectionEvents}, removes the connection from {@link ConnectedClients} and passes
 * the disconnect to {@link TokenExpiry}. Connects and failed authentications are logged by the authenticator, which
 * has the user and the reason. Thread-safe.
 */
public final class ConnectionEventListener implements ClientLifecycleEventListener {

    private final ConnectedClients connectedClients;
    private final TokenExpiry tokenExpiry;

    public ConnectionEventListener(ConnectedClients connectedClients, TokenExpiry tokenExpiry) {
        this.connectedClients = connectedClients;
        this.tokenExpiry = tokenExpiry;
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
    }

    @Override
    public void onClientInitiatedDisconnect(ClientInitiatedDisconnectInput input) {
        tokenExpiry.disconnected(input);
        ConnectionEvents.disconnected(input, "disconnected", details(input));
        forget(input);
    }

    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
        tokenExpiry.disconnected(input);
        ConnectionEvents.disconnected(input, "was disconnected by the broker", details(input));
        forget(input);
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        tokenExpiry.disconnected(input);
        ConnectionEvents.disconnected(input, "disconnected", details(input));
        forget(input);
    }

    private void forget(ClientBasedInput input) {
        input.getConnectionInformation()
                .getConnectionAttributeStore()
                .getAsString(FleetAuthenticator.CONNECTION_ID_ATTRIBUTE)
                .ifPresent(connectionId ->
                        connectedClients.remove(input.getClientInformation().getClientId(), connectionId));
    }

    private static String details(DisconnectEventInput input) {
        String code = input.getReasonCode().map(c -> " with reason code " + c).orElse("");
        String reason = input.getReasonString().map(r -> ": " + r).orElse("");
        return code + reason;
    }
}
