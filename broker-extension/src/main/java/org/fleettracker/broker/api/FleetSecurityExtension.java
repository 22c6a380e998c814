package org.fleettracker.broker.api;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.auth.SecurityRegistry;
import org.fleettracker.broker.internal.SecurityConfig;
import org.fleettracker.broker.internal.auth.ConnectedClients;
import org.fleettracker.broker.internal.auth.ConnectionEventListener;
import org.fleettracker.broker.internal.auth.FleetAuthenticator;
import org.fleettracker.broker.internal.auth.FleetAuthorizer;
import org.fleettracker.broker.internal.auth.RejectAllAuthenticator;
import org.fleettracker.broker.internal.users.LiveUsers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HiveMQ extension that authenticates clients against a users file and authorizes every PUBLISH, will message and
 * SUBSCRIBE by role and fleet.
 *
 * <p>A client that publishes to a topic its role does not allow gets PUBACK reason code NOT_AUTHORIZED and is then
 * disconnected by HiveMQ; a denied subscription gets SUBACK reason code NOT_AUTHORIZED and the client stays connected.
 *
 * <p>The users file is read at start and then checked for changes every second. A valid change takes effect at once,
 * and the clients whose account it changed or removed are disconnected with reason code NOT_AUTHORIZED. An invalid
 * change is logged and the accounts loaded before stay in effect. While the file has never been valid, or when the
 * start fails in any other way, the error is logged and every client is rejected with CONNACK reason code
 * SERVER_UNAVAILABLE. The broker keeps running, and the extension never falls back to letting clients in.
 */
public final class FleetSecurityExtension implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(FleetSecurityExtension.class);

    private final @Nullable Path usersFile;
    private volatile @Nullable ScheduledFuture<?> usersFilePoll;

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
            ConnectedClients connectedClients = new ConnectedClients();
            LiveUsers users = new LiveUsers(
                    file, reloaded -> connectedClients.disconnectOutdated(reloaded, Services.clientService()));
            boolean loaded = users.poll();
            FleetAuthorizer authorizer = new FleetAuthorizer(users);
            FleetAuthenticator authenticator = new FleetAuthenticator(users, connectedClients);
            ConnectionEventListener listener = new ConnectionEventListener(connectedClients);
            registry.setAuthorizerProvider(providerInput -> authorizer);
            Services.eventRegistry().setClientLifecycleEventListener(providerInput -> listener);
            registry.setAuthenticatorProvider(providerInput -> authenticator);
            usersFilePoll = schedulePolling(users);
            log.info("Fleet security started {} users from {}", loaded ? "with" : "without", file);
        } catch (RuntimeException e) {
            log.error("Fleet security did not start, so every client is rejected: {}", e.getMessage(), e);
        }
    }

    private static ScheduledFuture<?> schedulePolling(LiveUsers users) {
        long intervalMs = SecurityConfig.USERS_FILE_POLL_INTERVAL.toMillis();
        return Services.extensionExecutorService()
                .scheduleWithFixedDelay(() -> pollQuietly(users), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Polls the users file; a failure is logged so that the schedule, which an exception would end, goes on. */
    private static void pollQuietly(LiveUsers users) {
        try {
            users.poll();
        } catch (RuntimeException e) {
            log.error("Checking the users file {} for changes failed: {}", users.file(), e.toString(), e);
        }
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        ScheduledFuture<?> poll = usersFilePoll;
        if (poll != null) {
            poll.cancel(false);
        }
        log.info("Fleet security stopped");
    }
}
