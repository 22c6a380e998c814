package org.fleettracker.broker.internal.auth;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import org.fleettracker.broker.api.SecurityCounter;
import org.fleettracker.broker.internal.SecurityConfig;
import org.fleettracker.broker.internal.limits.ClientIdPolicy;
import org.fleettracker.broker.internal.limits.LoginThrottle;
import org.fleettracker.broker.internal.users.Role;
import org.fleettracker.broker.internal.users.User;
import org.fleettracker.broker.internal.users.Users;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.OwnTracksTopics;
import org.fleettracker.protocol.api.TopicKind;
import org.fleettracker.protocol.api.Topics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Authenticates each CONNECT by user name and password against the users file, and remembers the account on the
 * connection for {@link FleetAuthorizer}. A vehicle account also needs a client id that is a valid vehicle id, and a
 * gateway account one that is its user name or starts with it and "-". A password that is an access token is checked
 * by {@link TokenVerifier} instead.
 * Thread-safe: one instance serves every client.
 */
public final class FleetAuthenticator implements SimpleAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(FleetAuthenticator.class);

    /** Connection attribute that contains the user name of an authenticated client. */
    static final String USERNAME_ATTRIBUTE = "org.fleettracker.username";

    /** Connection attribute that contains the id {@link ConnectedClients} gave the connection. */
    static final String CONNECTION_ID_ATTRIBUTE = "org.fleettracker.connection-id";

    /** Connection attribute that contains the role file name of an authenticated client, such as {@code vehicle}. */
    public static final String ROLE_ATTRIBUTE = "org.fleettracker.role";

    /** Connection attribute that contains a token unique to the connection, for {@link ClientIdPolicy}. */
    public static final String CONNECTION_TOKEN_ATTRIBUTE = "org.fleettracker.connection-token";

    private static final String WRONG_CREDENTIALS = "User name or password is wrong";

    private final Supplier<@Nullable Users> users;
    private final ConnectedClients connectedClients;
    private final PasswordVerifier passwordVerifier;
    private final TokenVerifier tokenVerifier;
    private final TokenExpiry tokenExpiry;
    private final LoginGuard loginGuard;
    private final ClientIdPolicy clientIdPolicy;

    /**
     * Creates an authenticator that checks each CONNECT against the accounts {@code users} returns at that moment;
     * while it returns null, every client is rejected with SERVER_UNAVAILABLE.
     */
    public FleetAuthenticator(
            Supplier<@Nullable Users> users,
            ConnectedClients connectedClients,
            TokenVerifier tokenVerifier,
            TokenExpiry tokenExpiry,
            LoginThrottle throttle,
            ClientIdPolicy clientIdPolicy) {
        this.users = users;
        this.connectedClients = connectedClients;
        this.passwordVerifier = new PasswordVerifier(new SecureRandom());
        this.tokenVerifier = tokenVerifier;
        this.tokenExpiry = tokenExpiry;
        this.loginGuard = new LoginGuard(throttle);
        this.clientIdPolicy = clientIdPolicy;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        if (loginGuard.rejectIfLockedOut(input, output)) {
            return;
        }
        ConnectPacket connect = input.getConnectPacket();
        Optional<String> username = connect.getUserName();
        Optional<ByteBuffer> password = connect.getPassword();
        if (users.get() == null) {
            rejectWhileNotLoaded(input, output, username.orElse(""));
            return;
        }
        if (username.isEmpty() || password.isEmpty()) {
            String reason = "User name and password are required";
            ConnectionEvents.authenticationFailed(
                    input, username.orElse(""), SecurityCounter.AUTHENTICATIONS_FAILED_MISSING_CREDENTIALS, reason);
            loginGuard.recordFailure(input);
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, reason);
            return;
        }
        if (TokenVerifier.isToken(password.get())) {
            checkToken(input, output, username.get(), password.get());
            return;
        }
        // A PBKDF2 check takes about 80 ms, so it runs on the extension executor, not on HiveMQ's task thread.
        Async<SimpleAuthOutput> async = output.async(
                SecurityConfig.AUTHENTICATION_TIMEOUT,
                TimeoutFallback.FAILURE,
                ConnackReasonCode.SERVER_BUSY,
                "Authentication timed out; try again later");
        Services.extensionExecutorService().submit(() -> {
            try {
                checkPassword(input, output, username.get(), password.get());
            } catch (RuntimeException e) {
                log.warn(
                        "Authentication of client '{}' failed: {}",
                        input.getClientInformation().getClientId(),
                        e.toString());
                output.failAuthentication(ConnackReasonCode.UNSPECIFIED_ERROR, "Authentication failed on the broker");
            } finally {
                async.resume();
            }
        });
    }

    private void checkPassword(SimpleAuthInput input, SimpleAuthOutput output, String username, ByteBuffer password) {
        Users current = users.get();
        if (current == null) {
            rejectWhileNotLoaded(input, output, username);
            return;
        }
        Optional<User> user = current.find(username);
        if (user.isEmpty()) {
            passwordVerifier.verifyUnknownUser(password);
            ConnectionEvents.authenticationFailed(
                    input, username, SecurityCounter.AUTHENTICATIONS_FAILED_UNKNOWN_USER, "unknown user");
            loginGuard.recordFailure(input);
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, WRONG_CREDENTIALS);
            return;
        }
        if (!passwordVerifier.verify(user.get(), password)) {
            ConnectionEvents.authenticationFailed(
                    input, username, SecurityCounter.AUTHENTICATIONS_FAILED_WRONG_PASSWORD, "wrong password");
            loginGuard.recordFailure(input);
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, WRONG_CREDENTIALS);
            return;
        }
        accept(input, output, user.get(), null);
    }

    private static void rejectWhileNotLoaded(SimpleAuthInput input, SimpleAuthOutput output, String username) {
        ConnectionEvents.authenticationFailed(
                input,
                username,
                SecurityCounter.AUTHENTICATIONS_FAILED_NOT_CONFIGURED,
                "no valid users file is loaded");
        output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, RejectAllAuthenticator.REASON);
    }

    /** Checks an access token; one HMAC, so it runs on the calling thread. */
    private void checkToken(SimpleAuthInput input, SimpleAuthOutput output, String username, ByteBuffer password) {
        Users current = users.get();
        if (current == null) {
            rejectWhileNotLoaded(input, output, username);
            return;
        }
        TokenVerifier.Result result = tokenVerifier.verify(username, password, current);
        if (result instanceof TokenVerifier.Result.Rejected rejected) {
            ConnectionEvents.authenticationFailed(
                    input, username, SecurityCounter.AUTHENTICATIONS_FAILED_INVALID_TOKEN, rejected.reason());
            loginGuard.recordFailure(input);
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, rejected.reason());
            return;
        }
        TokenVerifier.Result.Accepted accepted = (TokenVerifier.Result.Accepted) result;
        accept(input, output, accepted.user(), accepted.validUntil());
    }

    /**
     * Lets the client in with the permissions of {@code user}.
     *
     * @param tokenValidUntil when the access token of the connection expires, or null when it used a password
     */
    private void accept(SimpleAuthInput input, SimpleAuthOutput output, User user, @Nullable Instant tokenValidUntil) {
        String clientId = input.getClientInformation().getClientId();
        if (user.role() == Role.VEHICLE && !isVehicleId(clientId)) {
            String reason = "The client id of a vehicle must be its vehicle id: 1 to " + Ids.MAX_LENGTH
                    + " letters, digits, '.', '_' or '-', not starting with "
                    + SecurityConfig.ASSIGNED_CLIENT_ID_PREFIX;
            ConnectionEvents.authenticationFailed(
                    input, user.username(), SecurityCounter.AUTHENTICATIONS_FAILED_INVALID_CLIENT_ID, reason);
            output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, reason);
            return;
        }
        if (user.role() == Role.VEHICLE && !user.mayActAsVehicle(clientId)) {
            String reason = "Client id '" + clientId + "' is not one of the vehicles of user '" + user.username() + "'";
            ConnectionEvents.authenticationFailed(input, user.username(), reason);
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, reason);
            return;
        }
        if (user.role() == Role.GATEWAY && !isGatewayClientId(user, clientId)) {
            String reason = "The client id of gateway '" + user.username() + "' must be its user name or start with '"
                    + user.username() + "-', such as '" + user.username() + "-1', not '" + clientId + "'";
            ConnectionEvents.authenticationFailed(
                    input, user.username(), SecurityCounter.AUTHENTICATIONS_FAILED_INVALID_CLIENT_ID, reason);
            output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, reason);
            return;
        }
        loginGuard.recordSuccess(clientId);
        if (!mayUseClientId(input, output, user)) {
            return;
        }
        if (!register(input, user)) {
            String reason = "The account of user '" + user.username() + "' changed during the CONNECT; connect again";
            ConnectionEvents.authenticationFailed(input, user.username(), reason);
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, reason);
            return;
        }
        if (!admitClientId(input, output, user)) {
            return;
        }
        input.getConnectionInformation()
                .getConnectionAttributeStore()
                .putAsString(ROLE_ATTRIBUTE, user.role().fileName());
        denyByDefault(output.getDefaultPermissions());
        allowOwnWill(output.getDefaultPermissions(), user, clientId);
        tokenExpiry.connected(input, tokenValidUntil);
        ConnectionEvents.connected(input, user.username(), Permissions.of(user, clientId));
        output.authenticateSuccessfully();
    }

    /**
     * Rejects the CONNECT when another account is connected with the same client id, and returns false then. Taking
     * it over would close that client and resume its session with the subscriptions granted to the other account.
     */
    private boolean mayUseClientId(SimpleAuthInput input, SimpleAuthOutput output, User user) {
        String clientId = input.getClientInformation().getClientId();
        Optional<String> owner = connectedClients.usernameOf(clientId);
        // TODO: a persistent session outlives its connection, so another account can still resume it while offline.
        // An entry can outlive a CONNECT that HiveMQ rejected after authentication, so HiveMQ confirms the connection.
        if (owner.isEmpty() || owner.get().equals(user.username()) || !clientIdPolicy.isConnected(clientId)) {
            return true;
        }
        String reason = "Client id '" + clientId + "' is connected as another user; choose another client id";
        ConnectionEvents.authenticationFailed(
                input, user.username(), SecurityCounter.AUTHENTICATIONS_FAILED_DUPLICATE_CLIENT_ID, reason);
        output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, reason);
        return false;
    }

    /** Applies the duplicate client id policy; returns false when it rejected the CONNECT. */
    private boolean admitClientId(SimpleAuthInput input, SimpleAuthOutput output, User user) {
        String clientId = input.getClientInformation().getClientId();
        String token = UUID.randomUUID().toString();
        var admission =
                clientIdPolicy.admit(clientId, new ClientIdPolicy.Connection(ConnectionEvents.ip(input), token));
        ClientIdPolicy.Connection previous = admission.previous();
        if (!admission.accepted()) {
            String existing = previous == null ? "unknown address" : previous.address();
            ConnectionEvents.duplicateClientIdRejected(input, user.username(), existing);
            output.failAuthentication(
                    ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "Client id '" + clientId + "' is already connected; this broker rejects a second connection");
            return false;
        }
        input.getConnectionInformation().getConnectionAttributeStore().putAsString(CONNECTION_TOKEN_ATTRIBUTE, token);
        if (previous != null) {
            ConnectionEvents.clientIdTakenOver(input, previous.address());
        }
        return true;
    }

    /**
     * Records the connection for the live reload, and returns false when a reload changed the account after its
     * password was checked: the reload may have missed this connection, so it must not go on with the old account.
     */
    private boolean register(SimpleAuthInput input, User user) {
        String clientId = input.getClientInformation().getClientId();
        String connectionId = connectedClients.add(clientId, user);
        Users current = users.get();
        if (current == null || !ConnectedClients.isCurrent(user, current)) {
            connectedClients.remove(clientId, connectionId);
            return false;
        }
        var attributes = input.getConnectionInformation().getConnectionAttributeStore();
        attributes.putAsString(USERNAME_ATTRIBUTE, user.username());
        attributes.putAsString(CONNECTION_ID_ATTRIBUTE, connectionId);
        return true;
    }

    /**
     * Returns whether {@code clientId} can be a vehicle id. The SDK passes a broker-assigned id in place of an empty
     * one, so an id with HiveMQ's prefix for assigned ids is taken as "no client id sent".
     */
    private static boolean isVehicleId(String clientId) {
        return Ids.isValid(clientId) && !clientId.startsWith(SecurityConfig.ASSIGNED_CLIENT_ID_PREFIX);
    }

    /**
     * Returns whether a gateway may connect with {@code clientId}. Tying the id to the user name keeps a gateway from
     * taking over the client id, and so the session, of one of its vehicles, and lets several gateway processes of
     * one account connect side by side as {@code name-1}, {@code name-2}.
     */
    private static boolean isGatewayClientId(User user, String clientId) {
        return Ids.isValid(clientId)
                && (clientId.equals(user.username()) || clientId.startsWith(user.username() + "-"));
    }

    /**
     * Lets a vehicle's will reach its own presence topic, a gateway's will the presence topic of a vehicle of its
     * fleets, and an OwnTracks phone's will (its {@code lwt}) its own device topics, through the default permissions
     * as well.
     *
     * <p>With a client initializer registered (the publish limits need one), HiveMQ CE 2025.5 ignored {@link
     * FleetAuthorizer}'s decision to allow a will message, fell back to the default permissions, and rejected every
     * vehicle CONNECT with a will as NOT_AUTHORIZED. The authorizer still decides every PUBLISH.
     */
    private static void allowOwnWill(ModifiableDefaultPermissions permissions, User user, String clientId) {
        if (user.role() == Role.GATEWAY) {
            // A will covers one topic, so a gateway can name at most one of its vehicles' presence topics.
            user.fleetIds()
                    .forEach(fleet -> permissions.add(willPermission(Topics.vehicleFilter(fleet, TopicKind.PRESENCE))));
            return;
        }
        if (user.role() != Role.VEHICLE && user.role() != Role.OWNTRACKS) {
            return;
        }
        // TODO: drop this once the cause inside HiveMQ is known; other roles' wills still fall back to DENY.
        String willTopic = user.role() == Role.OWNTRACKS
                ? OwnTracksTopics.deviceFilter(user.username())
                : Topics.presence(user.vehicleFleetId(), clientId);
        permissions.add(willPermission(willTopic));
    }

    private static TopicPermission willPermission(String topicFilter) {
        return Builders.topicPermission()
                .topicFilter(topicFilter)
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(TopicPermission.MqttActivity.PUBLISH)
                .build();
    }

    /**
     * Empties the default permissions and makes them deny: {@link FleetAuthorizer} decides every PUBLISH and
     * SUBSCRIBE, and HiveMQ falls back to these only when no authorizer decides.
     */
    private static void denyByDefault(ModifiableDefaultPermissions permissions) {
        permissions.clear();
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }
}
