package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import org.fleettracker.broker.internal.users.Role;
import org.fleettracker.broker.internal.users.User;
import org.fleettracker.broker.internal.users.Users;
import org.fleettracker.protocol.api.Ids;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Authenticates each CONNECT by user name and password against the users file, and remembers the account on the
 * connection for {@link FleetAuthorizer}. A vehicle account also needs a client id that is a valid vehicle id.
 * Thread-safe: one instance serves every client.
 */
public final class FleetAuthenticator implements SimpleAuthenticator {

    /** Connection attribute that holds the user name of an authenticated client. */
    static final String USERNAME_ATTRIBUTE = "org.fleettracker.username";

    private static final String WRONG_CREDENTIALS = "User name or password is wrong";

    private final Users users;
    private final PasswordVerifier passwordVerifier;

    public FleetAuthenticator(Users users) {
        this.users = users;
        this.passwordVerifier = new PasswordVerifier(new SecureRandom());
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        Optional<String> username = connect.getUserName();
        Optional<ByteBuffer> password = connect.getPassword();
        if (username.isEmpty() || password.isEmpty()) {
            String reason = "User name and password are required";
            ConnectionEvents.authenticationFailed(input, username.orElse(""), reason);
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, reason);
            return;
        }
        Optional<User> user = users.find(username.get());
        if (user.isEmpty()) {
            passwordVerifier.verifyUnknownUser(password.get());
            ConnectionEvents.authenticationFailed(input, username.get(), "unknown user");
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, WRONG_CREDENTIALS);
            return;
        }
        if (!passwordVerifier.verify(user.get(), password.get())) {
            ConnectionEvents.authenticationFailed(input, username.get(), "wrong password");
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, WRONG_CREDENTIALS);
            return;
        }
        accept(input, output, user.get());
    }

    private static void accept(SimpleAuthInput input, SimpleAuthOutput output, User user) {
        String clientId = input.getClientInformation().getClientId();
        if (user.role() == Role.VEHICLE && !Ids.isValid(clientId)) {
            String reason = "The client id of a vehicle must be its vehicle id: 1 to " + Ids.MAX_LENGTH
                    + " letters, digits, '.', '_' or '-'";
            ConnectionEvents.authenticationFailed(input, user.username(), reason);
            output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, reason);
            return;
        }
        input.getConnectionInformation().getConnectionAttributeStore().putAsString(USERNAME_ATTRIBUTE, user.username());
        denyByDefault(output.getDefaultPermissions());
        ConnectionEvents.connected(input, user.username(), Permissions.of(user, clientId));
        output.authenticateSuccessfully();
    }

    /**
     * Empties the default permissions and makes them deny: {@link FleetAuthorizer} decides every PUBLISH and
     * SUBSCRIBE, and HiveMQ would fall back to these only if no authorizer answered.
     */
    private static void denyByDefault(ModifiableDefaultPermissions permissions) {
        permissions.clear();
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }
}
