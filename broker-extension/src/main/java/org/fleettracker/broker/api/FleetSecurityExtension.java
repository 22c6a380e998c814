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
import org.fleettracker.broker.internal.auth.ConnectionEvents;
import org.fleettracker.broker.internal.auth.FleetAuthenticator;
import org.fleettracker.broker.internal.auth.FleetAuthorizer;
import org.fleettracker.broker.internal.auth.RejectAllAuthenticator;
import org.fleettracker.broker.internal.limits.ClientIdPolicy;
import org.fleettracker.broker.internal.limits.LoginThrottle;
import org.fleettracker.broker.internal.limits.PublishLimitsInitializer;
import org.fleettracker.broker.internal.users.InvalidUsersFileException;
import org.fleettracker.broker.internal.users.Users;
import org.fleettracker.broker.internal.users.UsersFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * HiveMQ extension that authenticates clients against a users file and authorizes every PUBLISH, will message and
 * SUBSCRIBE by role and fleet.
 *
 * <p>A client that publishes to a topic its role does not allow gets PUBACK reason code NOT_AUTHORIZED and is then
 * disconnected by HiveMQ; a denied subscription gets SUBACK reason code NOT_AUTHORIZED and the client stays connected.
 *
 * <p>It also enforces the limits of {@link SecuritySettings}: failed-login throttling, the duplicate client id policy,
 * and the payload size and publish rate limits, and counts connection events in HiveMQ's metric registry (see {@link
 * SecurityCounter}).
 *
 * <p>The users file and the settings are read once at start. If either is missing (a missing {@code
 * conf/security.properties} means the defaults) or invalid, or the start fails in any other way, the error is logged
 * and every client is rejected with CONNACK reason code SERVER_UNAVAILABLE. The broker keeps running, and the
 * extension never falls back to letting clients in.
 */
public final class FleetSecurityExtension implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(FleetSecurityExtension.class);

    private final @Nullable Path usersFile;
    private final @Nullable SecuritySettings settings;

    /**
     * Creates the extension as HiveMQ loads it from its extensions folder; it reads {@code conf/users.yaml} and the
     * optional {@code conf/security.properties} inside the extension's home folder.
     */
    public FleetSecurityExtension() {
        this.usersFile = null;
        this.settings = null;
    }

    /** Creates the extension for an embedded broker; it reads the given users file and uses the default limits. */
    public FleetSecurityExtension(Path usersFile) {
        this(usersFile, SecuritySettings.defaults());
    }

    /** Creates the extension for an embedded broker; it reads the given users file and enforces {@code settings}. */
    public FleetSecurityExtension(Path usersFile, SecuritySettings settings) {
        this.usersFile = usersFile;
        this.settings = settings;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        SecurityRegistry registry = Services.securityRegistry();
        // Installed first, so that a failure at any later step leaves the broker closed rather than open.
        registry.setAuthenticatorProvider(providerInput -> new RejectAllAuthenticator());
        Path home = input.getExtensionInformation().getExtensionHomeFolder().toPath();
        Path file = usersFile != null ? usersFile : home.resolve(SecurityConfig.USERS_FILE_IN_EXTENSION_HOME);
        try {
            ConnectionEvents.configure(Services.metricRegistry(), SecuritySettings.defaults());
            SecuritySettings limits = settings != null ? settings : readSettings(home);
            ConnectionEvents.configure(Services.metricRegistry(), limits);
            // TODO: reload the users file when it changes; today a changed file needs a broker restart.
            Users users = UsersFile.load(file);
            FleetAuthorizer authorizer = new FleetAuthorizer(users);
            ClientIdPolicy clientIdPolicy =
                    new ClientIdPolicy(limits.duplicateClientIdPolicy(), Services.clientService()::isClientConnected);
            FleetAuthenticator authenticator =
                    new FleetAuthenticator(users, new LoginThrottle(limits, Clock.systemUTC()), clientIdPolicy);
            ConnectionEventListener listener = new ConnectionEventListener(clientIdPolicy);
            registry.setAuthorizerProvider(providerInput -> authorizer);
            Services.eventRegistry().setClientLifecycleEventListener(providerInput -> listener);
            registerLimits(limits);
            registry.setAuthenticatorProvider(providerInput -> authenticator);
            log.info("Fleet security started with {} users from {} and limits {}", users.size(), file, limits);
        } catch (InvalidSecuritySettingsException e) {
            log.error("Fleet security did not start, so every client is rejected. {}", e.getMessage());
            log.debug("Security settings failure", e);
        } catch (InvalidUsersFileException e) {
            log.error("Fleet security did not start, so every client is rejected. {}", e.getMessage());
            log.debug("Users file failure", e);
        } catch (RuntimeException e) {
            log.error("Fleet security did not start, so every client is rejected: {}", e.getMessage(), e);
        }
    }

    /** Installs the payload and rate limits of every client and the timer of the connection log's summaries. */
    private static void registerLimits(SecuritySettings limits) {
        PublishLimitsInitializer initializer = new PublishLimitsInitializer(
                limits,
                client -> client.getConnectionInformation()
                        .getConnectionAttributeStore()
                        .getAsString(FleetAuthenticator.ROLE_ATTRIBUTE),
                (clientId, code, reason) -> Services.clientService().disconnectClient(clientId, false, code, reason),
                System::nanoTime);
        Services.initializerRegistry().setClientInitializer(initializer);
        long periodMs = SecurityConfig.LOG_FLUSH_PERIOD.toMillis();
        Services.extensionExecutorService()
                .scheduleAtFixedRate(ConnectionEvents::flushSuppressed, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** Reads {@code conf/security.properties} of the extension's home folder; the defaults when it is missing. */
    private static SecuritySettings readSettings(Path home) {
        Path file = home.resolve(SecurityConfig.SECURITY_FILE_IN_EXTENSION_HOME);
        if (!Files.exists(file)) {
            log.info("No {}, so the default limits apply", file);
            return SecuritySettings.defaults();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return SecuritySettings.fromProperties(properties);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidSecuritySettingsException(
                    "Cannot read the security settings " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidSecuritySettingsException(
                    "Invalid security settings in " + file + ": " + e.getMessage(), e);
        }
    }

    /** A settings file that cannot be read or contains an invalid value. */
    private static final class InvalidSecuritySettingsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidSecuritySettingsException(String message, Exception cause) {
            super(message, cause);
        }
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        log.info("Fleet security stopped");
    }
}
