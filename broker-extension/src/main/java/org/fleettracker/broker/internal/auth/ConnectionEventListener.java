package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationFailedInput;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionLostInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;
import org.fleettracker.broker.internal.limits.ClientIdPolicy;

/**
 * Logs disconnects through {@link ConnectionEvents} and tells the {@link ClientIdPolicy} that a client id is free.
 * Connects and failed authentications are logged by the authenticator, which has the user and the reason.
 * Thread-safe.
 */
public final class ConnectionEventListener implements ClientLifecycleEventListener {

    private final ClientIdPolicy clientIdPolicy;

    public ConnectionEventListener(ClientIdPolicy clientIdPolicy) {
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
        ConnectionEvents.disconnected(input, "lost its connection", "");
        release(input);
    }

    @Override
    public void onClientInitiatedDisconnect(ClientInitiatedDisconnectInput input) {
        ConnectionEvents.disconnected(input, "disconnected", details(input));
        release(input);
    }

    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
        ConnectionEvents.disconnected(input, "was disconnected by the broker", details(input));
        release(input);
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        ConnectionEvents.disconnected(input, "disconnected", details(input));
        release(input);
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
