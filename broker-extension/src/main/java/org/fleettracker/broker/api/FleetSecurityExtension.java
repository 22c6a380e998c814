package org.fleettracker.broker.api;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.auth.SecurityRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.fleettracker.broker.internal.MetricsSettings;
import org.fleettracker.broker.internal.SecurityConfig;
import org.fleettracker.broker.internal.auth.ConnectedClients;
import org.fleettracker.broker.internal.auth.ConnectionEventListener;
import org.fleettracker.broker.internal.auth.ConnectionEvents;
import org.fleettracker.broker.internal.auth.FleetAuthenticator;
import org.fleettracker.broker.internal.auth.FleetAuthorizer;
import org.fleettracker.broker.internal.auth.PasswordVerifier;
import org.fleettracker.broker.internal.auth.RejectAllAuthenticator;
import org.fleettracker.broker.internal.auth.TokenExpiry;
import org.fleettracker.broker.internal.auth.TokenVerifier;
import org.fleettracker.broker.internal.limits.ClientIdPolicy;
import org.fleettracker.broker.internal.limits.LoginThrottle;
import org.fleettracker.broker.internal.limits.PublishLimitsInitializer;
import org.fleettracker.broker.internal.users.LiveUsers;
import org.fleettracker.broker.internal.users.User;
import org.fleettracker.broker.internal.users.Users;
import org.fleettracker.protocol.api.MetricsEndpoint;
import org.fleettracker.protocol.api.ProcessMeters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HiveMQ extension that authenticates clients against a users file and authorizes every PUBLISH, will message and
 * SUBSCRIBE by role and fleet.
 *
 * <p>A client that publishes to a topic its role does not allow gets PUBACK reason code NOT_AUTHORIZED and is then
 * disconnected by HiveMQ; a denied subscription gets SUBACK reason code NOT_AUTHORIZED and the client stays connected.
 *
 * <p>A client may send an {@link AccessTokens access token} as its password instead (see {@link TokenVerifier} for
 * the rules); it is disconnected with reason code NOT_AUTHORIZED when the token expires.
 *
 * <p>The users file is read at start and then checked for changes every second. A valid change takes effect at once,
 * and the clients whose account it changed or removed are disconnected with reason code NOT_AUTHORIZED. An invalid
 * change is logged and the accounts loaded before stay in effect. While the file has never been valid, or when the
 * start fails in any other way, the error is logged and every client is rejected with CONNACK reason code
 * SERVER_UNAVAILABLE. The broker keeps running, and the extension never falls back to letting clients in.
 *
 * <p>It also enforces the limits of {@link SecuritySettings}: failed-login throttling, the duplicate client id policy,
 * and the payload size and publish rate limits, and counts connection events in HiveMQ's metric registry (see {@link
 * SecurityCounter}). The settings are read once at start; a missing {@code conf/security.properties} means the
 * defaults, and an invalid one makes the extension reject every client, as an invalid users file does. In a standalone
 * HiveMQ, its {@code metrics.port} key also starts a Prometheus endpoint with the {@link BrokerMeters}.
 */
public final class FleetSecurityExtension implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(FleetSecurityExtension.class);

    private final @Nullable Path usersFile;
    private final boolean embedded;
    private final @Nullable SecuritySettings settings;
    private volatile @Nullable ScheduledFuture<?> usersFilePoll;
    private volatile @Nullable AccessTokens tokens;
    private volatile @Nullable LiveUsers users;
    private volatile @Nullable PasswordVerifier passwordVerifier;
    private volatile @Nullable LoginThrottle loginThrottle;
    private volatile @Nullable MetricsEndpoint metricsEndpoint;
    private volatile @Nullable ProcessMeters processMeters;

    /**
     * Creates the extension as HiveMQ loads it from its extensions folder; it reads {@code conf/users.yaml} and the
     * optional {@code conf/security.properties} inside the extension's home folder, and enables access tokens when
     * {@code conf/token-secret} exists there.
     */
    public FleetSecurityExtension() {
        this.usersFile = null;
        this.embedded = false;
        this.settings = null;
    }

    /** Creates the extension for an embedded broker with the default limits and no access tokens. */
    public FleetSecurityExtension(Path usersFile) {
        this(usersFile, SecuritySettings.defaults(), null);
    }

    /** Creates the extension for an embedded broker that enforces {@code settings} and accepts no access tokens. */
    public FleetSecurityExtension(Path usersFile, SecuritySettings settings) {
        this(usersFile, settings, null);
    }

    /**
     * Creates the extension for an embedded broker that reads the given users file, enforces {@code settings} and
     * accepts tokens of {@code tokens}, or none when it is null.
     */
    public FleetSecurityExtension(Path usersFile, SecuritySettings settings, @Nullable AccessTokens tokens) {
        this.usersFile = usersFile;
        this.embedded = true;
        this.settings = settings;
        this.tokens = tokens;
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
            FileSettings fromFile =
                    settings != null ? new FileSettings(settings, MetricsSettings.OFF) : readSettings(home);
            SecuritySettings limits = fromFile.limits();
            ConnectionEvents.configure(Services.metricRegistry(), limits);
            if (!embedded) {
                tokens = loadStandaloneTokens(home.resolve(SecurityConfig.TOKEN_SECRET_FILE_IN_EXTENSION_HOME));
            }
            ConnectedClients connectedClients = new ConnectedClients();
            LiveUsers live = new LiveUsers(
                    file, reloaded -> connectedClients.disconnectOutdated(reloaded, Services.clientService()));
            boolean loaded = live.poll();
            TokenExpiry tokenExpiry = new TokenExpiry(Clock.systemUTC());
            FleetAuthorizer authorizer = new FleetAuthorizer(live);
            ClientIdPolicy clientIdPolicy =
                    new ClientIdPolicy(limits.duplicateClientIdPolicy(), Services.clientService()::isClientConnected);
            LoginThrottle throttle = new LoginThrottle(limits, Clock.systemUTC());
            FleetAuthenticator authenticator = new FleetAuthenticator(
                    live, connectedClients, new TokenVerifier(tokens), tokenExpiry, throttle, clientIdPolicy);
            ConnectionEventListener listener =
                    new ConnectionEventListener(connectedClients, tokenExpiry, clientIdPolicy);
            passwordVerifier = new PasswordVerifier(new SecureRandom());
            loginThrottle = throttle;
            users = live;
            registry.setAuthorizerProvider(providerInput -> authorizer);
            Services.eventRegistry().setClientLifecycleEventListener(providerInput -> listener);
            registerLimits(limits);
            registry.setAuthenticatorProvider(providerInput -> authenticator);
            usersFilePoll = schedulePolling(live);
            serveMetrics(fromFile.metrics());
            log.info(
                    "Fleet security started {} users from {}; access tokens {}; limits {}",
                    loaded ? "with" : "without",
                    file,
                    tokens == null ? "disabled" : "enabled",
                    limits);
        } catch (InvalidSecuritySettingsException e) {
            log.error("Fleet security did not start, so every client is rejected. {}", e.getMessage());
            log.debug("Security settings failure", e);
        } catch (IOException e) {
            log.error("Fleet security did not start, so every client is rejected: {}", e.getMessage());
            log.debug("Token secret failure", e);
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

    /**
     * Starts the Prometheus endpoint of a standalone broker when {@code metrics.port} is set. A port that cannot be
     * bound is logged, and the broker runs on without the endpoint, because the security checks do not need it.
     */
    private void serveMetrics(MetricsSettings metrics) {
        Integer port = metrics.port();
        if (port == null) {
            return;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BrokerMeters.bind(registry, Services.metricRegistry());
        ProcessMeters process = ProcessMeters.bindTo(registry);
        try {
            metricsEndpoint = MetricsEndpoint.start(metrics.bindAddress(), port, registry, "fleet-security-metrics");
            processMeters = process;
        } catch (UncheckedIOException e) {
            process.close();
            log.error("Fleet security serves no metrics: {}", e.getMessage());
        }
    }

    /** The two parts of {@code conf/security.properties}. */
    private record FileSettings(SecuritySettings limits, MetricsSettings metrics) {}

    /** Reads {@code conf/security.properties} of the extension's home folder; the defaults when it is missing. */
    private static FileSettings readSettings(Path home) {
        Path file = home.resolve(SecurityConfig.SECURITY_FILE_IN_EXTENSION_HOME);
        if (!Files.exists(file)) {
            log.info("No {}, so the default limits apply", file);
            return new FileSettings(SecuritySettings.defaults(), MetricsSettings.OFF);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            MetricsSettings metrics = MetricsSettings.extract(properties);
            return new FileSettings(SecuritySettings.fromProperties(properties), metrics);
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
        ScheduledFuture<?> poll = usersFilePoll;
        if (poll != null) {
            poll.cancel(false);
        }
        MetricsEndpoint endpoint = metricsEndpoint;
        if (endpoint != null) {
            endpoint.close();
        }
        ProcessMeters process = processMeters;
        if (process != null) {
            process.close();
        }
        log.info("Fleet security stopped");
    }

    /** Returns the tokens the broker accepts, or empty when access tokens are disabled. */
    public Optional<AccessTokens> accessTokens() {
        return Optional.ofNullable(tokens);
    }

    /**
     * Returns the account of {@code username} from the running broker's users, or empty when it has no such account
     * or has not started.
     */
    public Optional<Account> findAccount(String username) {
        Users current = currentUsers();
        return current == null ? Optional.empty() : current.find(username).map(FleetSecurityExtension::toAccount);
    }

    /**
     * Checks a password as the broker checks a CONNECT: the same users and PBKDF2 hashes. Takes about as long as one
     * PBKDF2 check, also for an unknown user, so call it off latency-sensitive threads.
     *
     * @return the account when the password matches; empty when it does not, the user is unknown, or the broker has
     *     not started
     */
    public Optional<Account> verifyPassword(String username, char[] password) {
        Users current = currentUsers();
        PasswordVerifier verifier = passwordVerifier;
        if (current == null || verifier == null) {
            return Optional.empty();
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            Optional<User> user = current.find(username);
            if (user.isEmpty()) {
                verifier.verifyUnknownUser(bytes);
                return Optional.empty();
            }
            return verifier.verify(user.get(), bytes) ? Optional.of(toAccount(user.get())) : Optional.empty();
        } finally {
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    /**
     * Returns until when the broker refuses logins from {@code address} after too many failed ones, or empty when it
     * checks them. Services that check passwords of this broker's users, such as the tracker's token endpoint, call
     * it before each check, so that they are no way around the login throttle; {@code source} names them in the log.
     */
    public Optional<Instant> loginLockedOutUntil(String source, String address) {
        LoginThrottle throttle = loginThrottle;
        if (throttle == null) {
            return Optional.empty();
        }
        Optional<LoginThrottle.Lockout> lockout = throttle.activeAddressLockout(address);
        lockout.ifPresent(active -> ConnectionEvents.loginThrottled(source, address, active));
        return lockout.map(LoginThrottle.Lockout::until);
    }

    /**
     * Counts a failed login from {@code address} outside MQTT, such as a wrong password or an invalid token at the
     * tracker's token endpoint, in the broker's login throttle; enough of them lock the address out of MQTT as well.
     */
    public void recordFailedLogin(String source, String address) {
        LoginThrottle throttle = loginThrottle;
        if (throttle != null) {
            throttle.recordAddressFailure(address)
                    .ifPresent(lockout -> ConnectionEvents.lockedOut(source, address, lockout));
        }
    }

    private @Nullable Users currentUsers() {
        LiveUsers live = users;
        return live == null ? null : live.get();
    }

    private static Account toAccount(User user) {
        return new Account(user.username(), user.role().fileName(), user.fleetIds());
    }

    private static @Nullable AccessTokens loadStandaloneTokens(Path secretFile) throws IOException {
        if (!Files.exists(secretFile)) {
            log.info("Access tokens are disabled because {} does not exist", secretFile);
            return null;
        }
        return new AccessTokens(TokenSecretFile.read(secretFile), AccessTokens.DEFAULT_LIFETIME);
    }
}
