package org.fleettracker.console.internal.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.ConsoleDataDir;
import org.fleettracker.console.internal.metrics.ConsoleMeters;
import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.fleettracker.protocol.api.TlsErrors;
import org.fleettracker.protocol.api.Topics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;

/**
 * The console's MQTT session: connects, subscribes to the fleet's state, presence and events, and reconnects with
 * backoff after a loss, resubscribing so the broker sends the retained state again.
 *
 * <p>The session is persistent: the console connects without clean start, with the client id of its data folder and
 * the session expiry of its settings, so the broker queues the fleet's events while the console is away and sends
 * them after it reconnects. Every connect subscribes again whether or not the broker kept the session, because only a
 * new subscription brings the retained states.
 *
 * <p>Thread safe. Connection attempts run on one scheduler thread; Paho's callback thread only decodes messages
 * into the {@link FleetInbox} and never touches the scene graph. A refused login or subscription stops the
 * retries: trying the same credentials again cannot succeed.
 *
 * <p>With an API URL in the settings, each connect first gets an access token from the tracker's HTTP API and sends
 * it as the MQTT password. After {@link ConsoleConfig#TOKEN_REFRESH_FRACTION} of the token's lifetime the console
 * gets a fresh token (refreshing the old one, or with the password when that fails) and reconnects with it, before
 * the broker would close the session for an expired token. While the API cannot be reached (no response, or a
 * status other than 200, 401 and 403), the console logs in with its password and asks for a token in the background.
 */
public final class FleetConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetConnection.class);
    private static final Logger connectionLog = LoggerFactory.getLogger("org.fleettracker.console.connection");

    /** CONNACK, SUBACK and DISCONNECT reason codes after which the same attempt would fail again. */
    private static final Set<Integer> REFUSAL_CODES = Set.of(0x86, 0x87, 0x8A, 0x8C);

    private static final int QOS_1 = 1;
    private static final int NOT_AUTHORIZED = 0x87;

    private final ConsoleSettings settings;
    private final ConsoleDataDir dataDir;
    private final FleetInbox inbox;
    private final FleetMessageHandler handler;
    private final Clock clock;
    private final Backoff backoff;
    private final MqttClient client;
    private final ScheduledExecutorService scheduler;
    private final SocketFactory socketFactory;
    private final AtomicReference<ConnectionStatus> status;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicInteger connectAttempts = new AtomicInteger();
    private final AtomicInteger failedAttemptsInRow = new AtomicInteger();
    private final ConsoleMeters meters;
    private volatile boolean closed;
    private volatile @Nullable AccessToken currentToken;
    // Used on the scheduler thread only: whether a connection of this object came up before.
    private boolean everConnected;

    // Token state is used on the scheduler thread only.
    private final @Nullable AccessTokenClient tokenClient;
    private @Nullable AccessToken token;
    private @Nullable AccessToken prefetchedToken;
    private @Nullable ScheduledFuture<?> tokenRotation;
    // True while the tracker API cannot be reached for a token, so the console logs in with its password.
    private boolean tokenApiDown;

    /** Creates the connection with the client id and Paho persistence of {@code dataDir}, which stays open. */
    public FleetConnection(ConsoleSettings settings, ConsoleDataDir dataDir, FleetInbox inbox, Clock clock) {
        this(settings, dataDir, inbox, clock, ConsoleMeters.unexported());
    }

    /** Creates the connection as above that counts its connects and losses in {@code meters}. */
    public FleetConnection(
            ConsoleSettings settings, ConsoleDataDir dataDir, FleetInbox inbox, Clock clock, ConsoleMeters meters) {
        this.settings = settings;
        this.meters = meters;
        this.dataDir = dataDir;
        this.inbox = inbox;
        this.handler = new FleetMessageHandler(settings.fleetIds(), inbox);
        this.clock = clock;
        this.backoff = new Backoff(settings.reconnectMinDelay(), settings.reconnectMaxDelay());
        this.status = new AtomicReference<>(
                new ConnectionStatus(ConnectionState.CONNECTING, settings.brokerUri(), null, clock.instant(), null));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "console-mqtt-connect");
            thread.setDaemon(true);
            return thread;
        });
        this.socketFactory = NoDelaySocketFactory.forUri(settings.brokerUri(), settings.sslContext());
        try {
            this.client = new MqttClient(
                    settings.brokerUri(),
                    dataDir.clientId(),
                    new MqttDefaultFilePersistence(dataDir.mqttFolder().toString()));
        } catch (MqttException e) {
            throw new IllegalArgumentException("Cannot create an MQTT client for " + settings.brokerUri(), e);
        }
        client.setCallback(new Callback());
        URI apiUrl = settings.apiUrl();
        this.tokenClient = apiUrl == null ? null : new AccessTokenClient(apiUrl, clock);
    }

    /** Starts connecting in the background; progress shows in {@link #status()}. */
    public void start() {
        scheduler.execute(this::connectGuarded);
    }

    public ConnectionStatus status() {
        return status.get();
    }

    /** Returns how many connection attempts were started, including the first one. */
    public int connectAttempts() {
        return connectAttempts.get();
    }

    /** Returns the console's access token while it is valid, or null when it uses its password or has no token. */
    public @Nullable String accessToken() {
        AccessToken current = currentToken;
        return current == null || !clock.instant().isBefore(current.expiresAt()) ? null : current.token();
    }

    /** Returns the topic filters the console subscribes to for fleet {@code fleetId}: state, presence, events. */
    public static List<String> topicFilters(String fleetId) {
        return List.of(
                Topics.fleetState(fleetId),
                Topics.ROOT + "/" + fleetId + "/vehicles/+/presence",
                Topics.events(fleetId));
    }

    /** Connects, and retries after a failure nothing else expected, because the scheduler would swallow it. */
    private void connectGuarded() {
        try {
            connect();
        } catch (RuntimeException e) {
            log.error("Connecting the console to {} failed unexpectedly; reconnecting", settings.brokerUri(), e);
            dropAndReconnect("unexpected failure: " + e);
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        boolean first = connectAttempts.incrementAndGet() == 1;
        setStatus(first ? ConnectionState.CONNECTING : ConnectionState.RECONNECTING, null, null);
        byte[] password;
        try {
            password = mqttPassword();
        } catch (TokenRejectedException e) {
            String detail = "access token request of user " + settings.username() + " was rejected: " + e.getMessage()
                    + "; check --username and --password (or FLEET_CONSOLE_PASSWORD), then restart the console";
            connectionLog.error("Console login to {} failed: {}", settings.brokerUri(), detail);
            setStatus(ConnectionState.REFUSED, detail, null);
            return;
        }
        // Without a record of what the kept session subscribed to, it may still follow fleets that were dropped.
        Optional<Set<String>> formerFleets = dataDir.subscribedFleets();
        if (formerFleets.isEmpty()) {
            log.info("No record of the MQTT session's fleets in {}: starting a new session", dataDir.folder());
        }
        boolean sessionPresent;
        try {
            // close() may have run while the token request waited; a connect now would outlive the connection.
            if (closed) {
                return;
            }
            sessionPresent = client.connectWithResult(connectionOptions(password, formerFleets.isEmpty()))
                    .getSessionPresent();
        } catch (MqttException e) {
            if (closed) {
                closeClientAfterConnect();
                return;
            }
            onConnectFailure(e);
            return;
        }
        if (closed) {
            closeClientAfterConnect();
            return;
        }
        Instant connackTime = clock.instant();
        connected.set(true);
        connectionLog.info(
                "Console connected to {} as user {} (client id {}, {}){}",
                settings.brokerUri(),
                settings.username(),
                client.getClientId(),
                sessionPresent ? "session resumed" : "new session",
                token == null ? "" : " with an access token valid until " + token.expiresAt());
        subscribe(connackTime, sessionPresent ? formerFleets.orElse(Set.of()) : Set.of());
        scheduleTokenRotation();
    }

    /**
     * Returns the MQTT password: a new access token when an API URL is set, else the configured password, which the
     * broker also accepts; the password is used while the tracker API cannot be reached.
     */
    private byte[] mqttPassword() throws TokenRejectedException {
        if (tokenClient == null) {
            return settings.password().getBytes(StandardCharsets.UTF_8);
        }
        AccessToken next;
        try {
            next = prefetchedToken != null ? prefetchedToken : fetchToken(tokenClient);
        } catch (IOException e) {
            usePasswordWithoutApi(e);
            return settings.password().getBytes(StandardCharsets.UTF_8);
        }
        prefetchedToken = null;
        tokenApiDown = false;
        token = next;
        currentToken = next;
        return next.token().getBytes(StandardCharsets.UTF_8);
    }

    /** Refreshes the current token while it is valid, and falls back to the password when that is rejected. */
    private AccessToken fetchToken(AccessTokenClient tokens) throws IOException, TokenRejectedException {
        AccessToken current = token;
        if (current != null && clock.instant().isBefore(current.refreshAt(1.0))) {
            try {
                return tokens.refresh(current);
            } catch (TokenRejectedException e) {
                log.debug("Refreshing the access token was rejected ({}); using the password", e.getMessage());
            }
        }
        return tokens.issue(settings.username(), settings.password());
    }

    private void usePasswordWithoutApi(IOException e) {
        token = null;
        currentToken = null;
        prefetchedToken = null;
        if (tokenApiDown) {
            log.debug("Console still cannot get an access token: {}", e.getMessage());
            return;
        }
        tokenApiDown = true;
        connectionLog.warn(
                "Console cannot get an access token ({}); it logs in to {} with its password and asks for a token"
                        + " again every {} s",
                e.getMessage(),
                settings.brokerUri(),
                Math.max(1, settings.reconnectMaxDelay().toSeconds()));
    }

    /** Asks for a token while connected with the password; the connection keeps the password until it renews. */
    private void retryToken() {
        AccessTokenClient tokens = tokenClient;
        if (closed || !connected.get() || tokens == null || token != null) {
            return;
        }
        try {
            AccessToken next = tokens.issue(settings.username(), settings.password());
            token = next;
            currentToken = next;
            tokenApiDown = false;
            connectionLog.info("Console got an access token again, valid until {}", next.expiresAt());
            scheduleTokenRotation();
        } catch (IOException | TokenRejectedException e) {
            log.debug("Console still cannot get an access token: {}", e.getMessage());
            scheduleTokenRotationIn(settings.reconnectMaxDelay(), this::retryToken);
        }
    }

    private void scheduleTokenRotation() {
        AccessToken current = token;
        if (closed) {
            return;
        }
        if (current == null) {
            if (tokenApiDown) {
                scheduleTokenRotationIn(settings.reconnectMaxDelay(), this::retryToken);
            }
            return;
        }
        Instant due = current.refreshAt(ConsoleConfig.TOKEN_REFRESH_FRACTION);
        scheduleTokenRotationIn(Duration.between(clock.instant(), due));
    }

    private void scheduleTokenRotationIn(Duration delay) {
        scheduleTokenRotationIn(delay, this::rotateToken);
    }

    private void scheduleTokenRotationIn(Duration delay, Runnable task) {
        if (tokenRotation != null) {
            tokenRotation.cancel(false);
        }
        long delayMs = Math.max(0, delay.toMillis());
        tokenRotation = scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Gets a fresh token while still connected, then reconnects with it; keeps the session if that fails. */
    private void rotateToken() {
        AccessTokenClient tokens = tokenClient;
        AccessToken current = token;
        if (closed || !connected.get() || tokens == null || current == null) {
            return;
        }
        try {
            prefetchedToken = fetchToken(tokens);
        } catch (IOException | TokenRejectedException e) {
            Duration left = Duration.between(clock.instant(), current.refreshAt(1.0));
            Duration retry = ConsoleConfig.RECONNECT_MAX_DELAY.compareTo(left.dividedBy(2)) < 0
                    ? ConsoleConfig.RECONNECT_MAX_DELAY
                    : left.dividedBy(2);
            connectionLog.warn(
                    "Console could not renew its access token: {}; trying again in {} s",
                    e.getMessage(),
                    Math.max(1, retry.toSeconds()));
            scheduleTokenRotationIn(retry.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retry);
            return;
        }
        connectionLog.info("Console reconnects to {} with a renewed access token", settings.brokerUri());
        disconnectQuietly();
        connect();
    }

    private void onConnectFailure(MqttException e) {
        meters.connectFailed();
        int code = e.getReasonCode();
        if (REFUSAL_CODES.contains(code)) {
            String detail = "login of user " + settings.username() + " refused: " + reasonText(code)
                    + "; check --username and --password (or FLEET_CONSOLE_PASSWORD), then restart the console";
            connectionLog.error("Console login to {} failed: {}", settings.brokerUri(), detail);
            setStatus(ConnectionState.REFUSED, detail, null);
            return;
        }
        String reason = TlsErrors.describe(e).orElse(e.getMessage());
        // One line per outage at info; the retries of the same outage go to debug.
        if (failedAttemptsInRow.getAndIncrement() == 0) {
            connectionLog.info(
                    "Console could not connect to {}: {}; retrying with backoff", settings.brokerUri(), reason);
        } else {
            connectionLog.debug(
                    "Attempt {} to connect to {} failed: {}", failedAttemptsInRow.get(), settings.brokerUri(), reason);
        }
        log.debug("Connection failure", e);
        scheduleReconnect("connect failed: " + reason);
    }

    /**
     * Subscribes to the topics of every fleet of the settings; {@code connackTime} is when the broker accepted the
     * connection. A resumed session drops the subscriptions of {@code formerFleets}, those an earlier run followed,
     * that these settings no longer list.
     */
    private void subscribe(Instant connackTime, Set<String> formerFleets) {
        List<String> filterList = new ArrayList<>();
        List<String> fleetOfFilter = new ArrayList<>();
        for (String fleetId : settings.fleetIds()) {
            for (String filter : topicFilters(fleetId)) {
                filterList.add(filter);
                fleetOfFilter.add(fleetId);
            }
        }
        String[] filters = filterList.toArray(String[]::new);
        // Recorded first, so that a refusal or a crash mid-way still lets the next run drop what this one granted.
        Set<String> mayBeSubscribed = new LinkedHashSet<>(formerFleets);
        mayBeSubscribed.addAll(settings.fleetIds());
        rememberFleets(mayBeSubscribed);
        int[] qos = new int[filters.length];
        Arrays.fill(qos, QOS_1);
        try {
            IMqttToken token = client.subscribe(filters, qos);
            int[] granted = token.getReasonCodes();
            // Without one reason code per filter, the rejected fleet is unknown, so the message names every fleet.
            boolean perFilter = granted.length == filters.length;
            Set<String> refused = new LinkedHashSet<>();
            int firstRefused = -1;
            for (int i = 0; i < granted.length; i++) {
                if (granted[i] < 0x80) {
                    continue;
                }
                firstRefused = firstRefused < 0 ? i : firstRefused;
                if (perFilter) {
                    refused.add(fleetOfFilter.get(i));
                } else {
                    refused.addAll(settings.fleetIds());
                }
            }
            if (firstRefused >= 0) {
                String filter = perFilter ? filters[firstRefused] : String.join(", ", filters);
                refuseSubscription(refused, filter, granted[firstRefused]);
                return;
            }
        } catch (MqttException e) {
            log.warn("Subscribing to fleets {} failed: {}; reconnecting", settings.fleetIds(), e.getMessage());
            log.debug("Subscribe failure", e);
            dropAndReconnect("subscribe failed: " + e.getMessage());
            return;
        }
        if (dropFormerFleets(formerFleets)) {
            rememberFleets(settings.fleetIds());
        }
        backoff.reset();
        failedAttemptsInRow.set(0);
        inbox.connectionRestored(connackTime);
        setStatus(ConnectionState.CONNECTED, null, null);
        meters.connected(everConnected);
        everConnected = true;
        log.info("Console subscribed to fleets {} on {}", settings.fleetIds(), settings.brokerUri());
    }

    /**
     * Unsubscribes the resumed session from the fleets of an earlier run that the settings no longer list. Returns
     * false when that failed, so the fleets stay on record and the next connection tries again.
     */
    private boolean dropFormerFleets(Set<String> formerFleets) {
        Set<String> dropped = new LinkedHashSet<>(formerFleets);
        dropped.removeAll(settings.fleetIds());
        if (dropped.isEmpty()) {
            return true;
        }
        List<String> filters = new ArrayList<>();
        dropped.forEach(fleetId -> filters.addAll(topicFilters(fleetId)));
        try {
            client.unsubscribe(filters.toArray(String[]::new));
            log.info("Console no longer follows fleets {}: unsubscribed its session from them", dropped);
            return true;
        } catch (MqttException e) {
            // The handler ignores what still arrives from those fleets.
            log.warn("Unsubscribing from fleets {} failed: {}", dropped, e.getMessage());
            return false;
        }
    }

    private void rememberFleets(Collection<String> fleetIds) {
        try {
            dataDir.rememberSubscribedFleets(fleetIds);
        } catch (UncheckedIOException e) {
            log.warn("Cannot save the fleets of the MQTT session: {}", e.getMessage());
        }
    }

    /** Stops with the refusal of {@code filter}, the first refused one, which names the fleets in {@code refused}. */
    private void refuseSubscription(Set<String> refused, String filter, int code) {
        StringBuilder detail = new StringBuilder("broker refused the subscription to ").append(filter);
        detail.append(": ").append(reasonText(code));
        detail.append("; user ").append(settings.username());
        detail.append(" may not read the state, presence and events of ");
        detail.append(refused.size() == 1 ? "fleet " : "fleets ").append(String.join(", ", refused));
        detail.append(", which the console needs");
        if (refused.size() < settings.fleetIds().size()) {
            detail.append("; remove ").append(refused.size() == 1 ? "it" : "them");
            detail.append(" from the console's fleets (Settings or --fleet)");
        }
        log.error("Console cannot show fleets {}: {}", refused, detail);
        status.set(new ConnectionStatus(
                ConnectionState.REFUSED, settings.brokerUri(), detail.toString(), clock.instant(), null, true));
        disconnectQuietly();
    }

    private void dropAndReconnect(String reason) {
        disconnectQuietly();
        inbox.connectionLost(clock.instant());
        scheduleReconnect(reason);
    }

    private void scheduleReconnect(String reason) {
        if (closed) {
            return;
        }
        Duration delay = backoff.nextDelay();
        setStatus(ConnectionState.DISCONNECTED, reason, clock.instant().plus(delay));
        scheduler.schedule(this::connectGuarded, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private MqttConnectionOptions connectionOptions(byte[] password, boolean cleanStart) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(false);
        options.setUserName(settings.username());
        options.setPassword(password);
        options.setConnectionTimeout(ConsoleConfig.CONNECT_TIMEOUT_S);
        options.setKeepAliveInterval(ConsoleConfig.KEEP_ALIVE_S);
        options.setSocketFactory(socketFactory);
        options.setHttpsHostnameVerificationEnabled(true);
        return options;
    }

    private void setStatus(ConnectionState state, @Nullable String detail, @Nullable Instant nextAttempt) {
        ConnectionStatus previous = status.getAndSet(
                new ConnectionStatus(state, settings.brokerUri(), detail, clock.instant(), nextAttempt));
        if (previous.state() != state) {
            log.debug("Connection to {} went from {} to {}", settings.brokerUri(), previous.state(), state);
        }
    }

    /** Disconnects and closes the Paho client on the connect thread, for a connect that ended after close(). */
    private void closeClientAfterConnect() {
        disconnectQuietly();
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("Closing the MQTT client after its last connect attempt failed: {}", e.getMessage());
        }
    }

    private void disconnectQuietly() {
        connected.set(false);
        try {
            if (client.isConnected()) {
                client.disconnect(ConsoleConfig.DISCONNECT_TIMEOUT.toMillis());
            }
        } catch (MqttException e) {
            log.debug("Disconnect from {} failed: {}", settings.brokerUri(), e.getMessage());
        }
    }

    private static String reasonText(int code) {
        return switch (code) {
            case 0x86 -> "bad user name or password (reason code 0x86)";
            case 0x87 -> "not authorized (reason code 0x87)";
            case 0x8A -> "banned (reason code 0x8A)";
            case 0x8C -> "bad authentication method (reason code 0x8C)";
            default -> "reason code 0x" + Integer.toHexString(code);
        };
    }

    /** Stops reconnecting, disconnects and releases Paho's threads. Safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        disconnectQuietly();
        try {
            client.close(true);
        } catch (MqttException e) {
            // Paho rejects close() while a connect is in progress, so the connect thread closes the client afterwards.
            log.debug("Closing the MQTT client failed: {}; it closes when its connect attempt ends", e.getMessage());
        }
        setStatus(ConnectionState.CLOSED, null, null);
        connectionLog.info("Console closed its connection to {}", settings.brokerUri());
    }

    private final class Callback implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (closed || !connected.compareAndSet(true, false)) {
                return;
            }
            meters.connectionLost();
            inbox.connectionLost(clock.instant());
            int code = response.getReturnCode();
            // With tokens, NOT_AUTHORIZED is how the broker closes a session whose token expired; a new token helps.
            boolean expiredToken = tokenClient != null && code == NOT_AUTHORIZED;
            if (REFUSAL_CODES.contains(code) && !expiredToken) {
                String detail = "broker closed the session: " + reasonText(code);
                connectionLog.error("Console lost {}: {}", settings.brokerUri(), detail);
                setStatus(ConnectionState.REFUSED, detail, null);
                return;
            }
            String reason = response.getException() != null
                    ? response.getException().getMessage()
                    : "broker sent DISCONNECT with " + reasonText(code);
            connectionLog.warn("Console lost its connection to {}: {}", settings.brokerUri(), reason);
            scheduler.execute(() -> scheduleReconnect("connection lost: " + reason));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.debug("MQTT error on {}: {}", settings.brokerUri(), exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                handler.handle(topic, message.getPayload(), clock.instant());
            } catch (RuntimeException e) {
                // FleetMessageHandler catches decoding failures itself. This catch keeps a bug from dropping the
                // session.
                inbox.countMalformed(clock.instant());
                log.warn("Handling a message on {} failed: {}", topic, e.toString());
                log.debug("Message handling failure", e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // The console publishes nothing.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // Connection state is set by connect(), which also subscribes.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication is used.
        }
    }
}
