package org.fleettracker.broker.internal.auth;

import com.codahale.metrics.MetricRegistry;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import org.fleettracker.broker.api.SecurityCounter;
import org.fleettracker.broker.api.SecuritySettings;
import org.fleettracker.broker.internal.SecurityConfig;
import org.fleettracker.broker.internal.limits.LoginThrottle;
import org.fleettracker.broker.internal.limits.RepeatLimiter;
import org.fleettracker.broker.internal.limits.SecurityMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Clock;

/**
 * Records connection events: counts each in {@link SecurityMetrics} and writes it to the logger {@value
 * SecurityConfig#CONNECTIONS_LOGGER}, one line each with the client id and IP address, so that they can be routed to
 * their own file. Passwords and access tokens are never logged.
 *
 * <p>Repeats are limited by a {@link RepeatLimiter} per event kind and client id, or per event kind and address for
 * failed and throttled logins, whose client ids an attacker can vary: beyond {@link
 * SecuritySettings#maxLogLinesPerKey()} lines per {@link SecuritySettings#logWindow()}, the lines are counted and one
 * line "suppressed K similar events" follows when the window has ended.
 *
 * <p>The state is static, like HiveMQ's {@code Services}: {@link #configure} at extension start replaces it. Until
 * then, events are logged without repeat limit and counted nowhere. Thread-safe.
 */
public final class ConnectionEvents {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.CONNECTIONS_LOGGER);

    private static volatile @Nullable Recorder recorder;

    private ConnectionEvents() {}

    /** Makes later events count into {@code registry} and limit their repeats to those of {@code settings}. */
    public static void configure(MetricRegistry registry, SecuritySettings settings) {
        RepeatLimiter limiter = new RepeatLimiter(
                settings.maxLogLinesPerKey(),
                settings.logWindow(),
                SecurityConfig.MAX_LOG_REPEAT_KEYS,
                Clock.systemUTC());
        recorder = new Recorder(new SecurityMetrics(registry), limiter);
    }

    /** Writes the summaries of the repeat windows that have ended; the extension calls it every few seconds. */
    public static void flushSuppressed() {
        Recorder current = recorder;
        if (current != null) {
            current.limiter.expire().forEach(ConnectionEvents::logSummary);
        }
    }

    static void connected(ClientBasedInput client, String username, Permissions permissions) {
        count(SecurityCounter.CONNECTS);
        if (allowed("connected", clientId(client))) {
            log.info(
                    "Client '{}' from {} connected as user '{}' with {}",
                    clientId(client),
                    ip(client),
                    username,
                    permissions);
        }
    }

    static void authenticationFailed(ClientBasedInput client, String username, String reason) {
        authenticationFailed(client, username, SecurityCounter.AUTHENTICATIONS_FAILED_OTHER, reason);
    }

    static void authenticationFailed(ClientBasedInput client, String username, SecurityCounter counter, String reason) {
        count(counter);
        if (allowed("authentication-failed", ip(client))) {
            log.info(
                    "Client '{}' from {} failed authentication as user '{}': {}",
                    clientId(client),
                    ip(client),
                    username,
                    reason);
        }
    }

    static void lockedOut(ClientBasedInput client, LoginThrottle.Lockout lockout) {
        log.info(
                "Client '{}' from {} locked out its {} {} for {} s after too many failed logins",
                clientId(client),
                ip(client),
                lockout.kind().label(),
                lockout.key(),
                lockout.length().toSeconds());
    }

    /** Logs that failed logins outside MQTT, such as HTTP token requests named by {@code source}, locked out a key. */
    public static void lockedOut(String source, String address, LoginThrottle.Lockout lockout) {
        log.info(
                "{} from {} locked out its {} {} for {} s after too many failed logins",
                source,
                address,
                lockout.kind().label(),
                lockout.key(),
                lockout.length().toSeconds());
    }

    /** Counts a login outside MQTT, such as an HTTP token request, refused unchecked during a lockout. */
    public static void loginThrottled(String source, String address, LoginThrottle.Lockout lockout) {
        count(SecurityCounter.LOGINS_THROTTLED);
        if (allowed("login-throttled", address)) {
            log.debug(
                    "{} from {} rejected unchecked during the lockout of its {}, until {}",
                    source,
                    address,
                    lockout.kind().label(),
                    lockout.until());
        }
    }

    static void loginThrottled(ClientBasedInput client, String username, LoginThrottle.Lockout lockout) {
        count(SecurityCounter.LOGINS_THROTTLED);
        if (allowed("login-throttled", ip(client))) {
            log.debug(
                    "Client '{}' from {} rejected as user '{}' unchecked during the lockout of its {}, until {}",
                    clientId(client),
                    ip(client),
                    username,
                    lockout.kind().label(),
                    lockout.until());
        }
    }

    /** Logs that a connection with a client id that was connected from {@code previousAddress} took it over. */
    static void clientIdTakenOver(ClientBasedInput client, String previousAddress) {
        count(SecurityCounter.CLIENT_IDS_TAKEN_OVER);
        if (allowed("taken-over", clientId(client))) {
            log.info(
                    "Client '{}' from {} took over the client id from the connection from {}, which is closed",
                    clientId(client),
                    ip(client),
                    previousAddress);
        }
    }

    /** Logs a CONNECT rejected because its client id is connected from {@code existingAddress}. */
    static void duplicateClientIdRejected(ClientBasedInput client, String username, String existingAddress) {
        count(SecurityCounter.AUTHENTICATIONS_FAILED_DUPLICATE_CLIENT_ID);
        if (allowed("duplicate-rejected", clientId(client))) {
            log.info(
                    "Client '{}' from {} rejected as user '{}': the client id is connected from {}",
                    clientId(client),
                    ip(client),
                    username,
                    existingAddress);
        }
    }

    /** Logs that the broker closes a connection because its access token expired; HiveMQ has no input here. */
    static void tokenExpired(String clientId) {
        log.info("Client '{}' is disconnected because its access token expired", clientId);
    }

    static void publishDenied(ClientBasedInput client, String topic, String reason) {
        count(SecurityCounter.PUBLISHES_DENIED);
        if (allowed("publish-denied", clientId(client))) {
            log.debug("Client '{}' from {} denied PUBLISH to '{}': {}", clientId(client), ip(client), topic, reason);
        }
    }

    static void subscribeDenied(ClientBasedInput client, String filter, String reason) {
        count(SecurityCounter.SUBSCRIBES_DENIED);
        if (allowed("subscribe-denied", clientId(client))) {
            log.debug("Client '{}' from {} denied SUBSCRIBE to '{}': {}", clientId(client), ip(client), filter, reason);
        }
    }

    /** Records a PUBLISH that a limit stopped; {@code counter} names the limit. */
    public static void publishLimited(ClientBasedInput client, String topic, SecurityCounter counter, String reason) {
        count(counter);
        if (allowed(counter.name(), clientId(client))) {
            log.debug(
                    "Client '{}' from {} PUBLISH to '{}' not delivered: {}",
                    clientId(client),
                    ip(client),
                    topic,
                    reason);
        }
    }

    /** Records that a limit made the broker disconnect a client. */
    public static void limitDisconnect(ClientBasedInput client, String reasonCode, String reason) {
        count(SecurityCounter.LIMIT_DISCONNECTS);
        if (allowed("limit-disconnect", clientId(client))) {
            log.info(
                    "Client '{}' from {} is disconnected with reason code {}: {}",
                    clientId(client),
                    ip(client),
                    reasonCode,
                    reason);
        }
    }

    static void disconnected(ClientBasedInput client, String how, String detail) {
        count(SecurityCounter.DISCONNECTS);
        if (allowed("disconnected", clientId(client))) {
            log.info("Client '{}' from {} {}{}", clientId(client), ip(client), how, detail);
        }
    }

    /** Returns the client's IP address, or {@code unknown address}. */
    public static String ip(ClientBasedInput client) {
        return client.getConnectionInformation()
                .getInetAddress()
                .map(InetAddress::getHostAddress)
                .orElse("unknown address");
    }

    private static String clientId(ClientBasedInput client) {
        return client.getClientInformation().getClientId();
    }

    private static void count(SecurityCounter counter) {
        Recorder current = recorder;
        if (current != null) {
            current.metrics.increment(counter);
        }
    }

    private static boolean allowed(String kind, String key) {
        Recorder current = recorder;
        if (current == null) {
            return true;
        }
        RepeatLimiter.Verdict verdict = current.limiter.record(kind + " " + key);
        verdict.summaries().forEach(ConnectionEvents::logSummary);
        return verdict.write();
    }

    private static void logSummary(RepeatLimiter.Suppressed suppressed) {
        log.info(
                "Suppressed {} similar events of '{}' within {} s",
                suppressed.count(),
                suppressed.key(),
                suppressed.window().toSeconds());
    }

    private record Recorder(SecurityMetrics metrics, RepeatLimiter limiter) {}
}
