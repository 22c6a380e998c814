package org.fleettracker.broker.api;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.auth.SecurityRegistry;
import org.fleettracker.broker.internal.SecurityConfig;
import org.fleettracker.broker.internal.auth.ConnectionEventListener;
import org.fleettracker.broker.internal.auth.FleetAuthenticator;
import org.fleettracker.broker.internal.auth.FleetAuthorizer;
import org.fleettracker.broker.internal.auth.RejectAllAuthenticator;
import org.fleettracker.broker.internal.users.InvalidUsersFileException;
import org.fleettracker.broker.internal.users.Users;
import org.fleettracker.broker.internal.users.UsersFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * HiveMQ extension that authenticates clients against a users file and authorizes every PUBLISH, will message and
 * SUBSCRIBE by role and fleet.
 *
 * <p>A client that publishes to a topic its role does not allow gets PUBACK reason code NOT_AUTHORIZED and is then
 * disconnected by HiveMQ; a denied subscription gets SUBACK reason code NOT_AUTHORIZED and the client stays connected.
 *
 * <p>The users file is read once at start. If it is missing or invalid, or the start fails in any other way, the
 * error is logged and every client is rejected with CONNACK reason code SERVER_UNAVAILABLE while the broker keeps
 * running; the extension never falls back to letting clients in.
 */
public final class FleetSecurityExtension implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(FleetSecurityExtension.class);

    private final @Nullable Path usersFile;

    /**
     * Creates the extension as HiveMQ loads it from its extensions folder; it reads
     * {@code conf/users.yaml} inside the extension's home folder.
     */
    public FleetSecurityExtension() {
        this.usersFile = null;
    }

    /** Creates the extension for an embedded broker; it reads the given users file. */
    public FleetSecurityExtension(Path usersFile) {
        this.usersFile = usersFile;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        SecurityRegistry registry = Services.securityRegistry();
        // Installed first, so that a failure at any later step leaves the broker closed rather than open.
        registry.setAuthenticatorProvider(providerInput -> new RejectAllAuthenticator());
        Path file = usersFile != null
                ? usersFile
                : input.getExtensionInformation()
                        .getExtensionHomeFolder()
                        .toPath()
                        .resolve(SecurityConfig.USERS_FILE_IN_EXTENSION_HOME);
        try {
            Users users = UsersFile.load(file);
            FleetAuthorizer authorizer = new FleetAuthorizer(users);
            FleetAuthenticator authenticator = new FleetAuthenticator(users);
            ConnectionEventListener listener = new ConnectionEventListener();
            registry.setAuthorizerProvider(providerInput -> authorizer);
            Services.eventRegistry().setClientLifecycleEventListener(providerInput -> listener);
            registry.setAuthenticatorProvider(providerInput -> authenticator);
            log.info("Fleet security started with {} users from {}", users.size(), file);
        } catch (InvalidUsersFileException e) {
            log.error("Fleet security did not start, so every client is rejected. {}", e.getMessage());
            log.debug("Users file failure", e);
        } catch (RuntimeException e) {
            log.error("Fleet security did not start, so every client is rejected: {}", e.getMessage(), e);
        }
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        log.info("Fleet security stopped");
    }
}
