package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import org.fleettracker.broker.api.SecurityCounter;

/**
 * Rejects every CONNECT with {@link ConnackReasonCode#SERVER_UNAVAILABLE}. The extension installs it while it
 * starts and keeps it when its configuration cannot be loaded, so that a broken setup never lets a client in.
 */
public final class RejectAllAuthenticator implements SimpleAuthenticator {

    /** Reason string sent in the CONNACK. */
    public static final String REASON = "The broker's security configuration is not loaded, so no client is accepted";

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectionEvents.authenticationFailed(
                input,
                input.getConnectPacket().getUserName().orElse(""),
                SecurityCounter.AUTHENTICATIONS_FAILED_NOT_CONFIGURED,
                "security configuration is not loaded");
        output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, REASON);
    }
}
