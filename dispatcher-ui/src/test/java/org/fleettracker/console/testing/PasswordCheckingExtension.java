package org.fleettracker.console.testing;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small stand-in for the project's broker extension in the console's tests: it checks user name and password
 * against a fixed table, counts CONNECT attempts, and lets user {@code outsider} in without any permission, so
 * its subscriptions are refused.
 */
public final class PasswordCheckingExtension implements ExtensionMain {

    public static final String OUTSIDER = "outsider";

    private static final Map<String, String> PASSWORDS =
            Map.of("dispatcher", "dispatcher-demo", "tracker", "tracker-demo", OUTSIDER, "outsider-demo");

    private final AtomicInteger connectAttempts = new AtomicInteger();

    public int connectAttempts() {
        return connectAttempts.get();
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        SimpleAuthenticator authenticator = this::authenticate;
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // Nothing to release.
    }

    private void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
        connectAttempts.incrementAndGet();
        String user = input.getConnectPacket().getUserName().orElse("");
        String password = input.getConnectPacket()
                .getPassword()
                .map(PasswordCheckingExtension::text)
                .orElse("");
        if (!password.equals(PASSWORDS.get(user))) {
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "wrong user name or password");
            return;
        }
        if (OUTSIDER.equals(user)) {
            output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        }
        output.authenticateSuccessfully();
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
