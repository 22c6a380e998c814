package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationFailedInput;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionLostInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;

/**
 * Logs disconnects through {@link ConnectionEvents} and passes them to {@link TokenExpiry}. Connects and failed
 * authentications are logged by the authenticator, which has the user and the reason. Thread-safe.
 */
public final class ConnectionEventListener implements ClientLifecycleEventListener {

    private final TokenExpiry tokenExpiry;

    public ConnectionEventListener(TokenExpiry tokenExpiry) {
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
    }

    @Override
    public void onClientInitiatedDisconnect(ClientInitiatedDisconnectInput input) {
        tokenExpiry.disconnected(input);
        ConnectionEvents.disconnected(input, "disconnected", details(input));
    }

    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
        tokenExpiry.disconnected(input);
        ConnectionEvents.disconnected(input, "was disconnected by the broker", details(input));
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        tokenExpiry.disconnected(input);
        ConnectionEvents.disconnected(input, "disconnected", details(input));
    }

    private static String details(DisconnectEventInput input) {
        String code = input.getReasonCode().map(c -> " with reason code " + c).orElse("");
        String reason = input.getReasonString().map(r -> ": " + r).orElse("");
        return code + reason;
    }
}
