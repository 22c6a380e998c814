package org.fleettracker.console.api;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.fleettracker.protocol.api.TrustStores;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * What the console connects to and how its window starts.
 *
 * @param brokerUri MQTT server URI, {@code tcp://host:port} or {@code ssl://host:port}
 * @param fleetId the fleet whose vehicles the console shows
 * @param widthPx initial window width
 * @param heightPx initial window height
 * @param reconnectMinDelay first delay before reconnecting; it doubles per failed attempt
 * @param reconnectMaxDelay longest delay between reconnection attempts
 * @param apiUrl base URI of the tracker's HTTP API, such as {@code http://127.0.0.1:8080}; when set, the console
 *     trades user name and password for an access token there and sends the token as its MQTT password, and null
 *     sends the password itself
 * @param trustStore certificates trusted for an {@code ssl://} broker (PKCS12, JKS or PEM), or null for the JVM's
 *     trust store; only valid with an {@code ssl://} URI
 * @param trustStorePassword password of a PKCS12 or JKS trust store, or null; {@link #toString()} leaves it out
 */
public record ConsoleSettings(
        String brokerUri,
        String fleetId,
        String username,
        String password,
        int widthPx,
        int heightPx,
        Duration reconnectMinDelay,
        Duration reconnectMaxDelay,
        @Nullable URI apiUrl,
        @Nullable Path trustStore,
        @Nullable String trustStorePassword) {

    /** Default broker of a local demo. */
    public static final String DEFAULT_BROKER_URI = "tcp://127.0.0.1:1883";

    public static final String DEFAULT_FLEET_ID = "demo";
    public static final String DEFAULT_USERNAME = "dispatcher";
    public static final String DEFAULT_PASSWORD = "dispatcher-demo";

    private static final Set<String> SCHEMES = Set.of("tcp", "ssl");

    public ConsoleSettings {
        requireBrokerUri(brokerUri);
        Ids.requireValid("fleet id", fleetId);
        if (username.isBlank()) {
            throw new IllegalArgumentException("user name must not be blank");
        }
        if (widthPx < 200 || heightPx < 150) {
            throw new IllegalArgumentException(
                    "window size " + widthPx + " x " + heightPx + " px is too small: use at least 200 x 150");
        }
        if (reconnectMinDelay.isNegative()
                || reconnectMinDelay.isZero()
                || reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
            throw new IllegalArgumentException("reconnect delays need 0 < minimum <= maximum, got " + reconnectMinDelay
                    + " and " + reconnectMaxDelay);
        }
        if (apiUrl != null) {
            requireApiUrl(apiUrl);
        }
        if (trustStore != null && !NoDelaySocketFactory.isTlsUri(brokerUri)) {
            throw new IllegalArgumentException(
                    "a trust store applies only to an ssl:// broker URI, not to '" + brokerUri + "'");
        }
    }

    /** Returns settings with the default window size and reconnect delays. */
    public static ConsoleSettings of(String brokerUri, String fleetId, String username, String password) {
        return new ConsoleSettings(
                brokerUri,
                fleetId,
                username,
                password,
                ConsoleConfig.DEFAULT_WIDTH_PX,
                ConsoleConfig.DEFAULT_HEIGHT_PX,
                ConsoleConfig.RECONNECT_MIN_DELAY,
                ConsoleConfig.RECONNECT_MAX_DELAY,
                null,
                null,
                null);
    }

    public ConsoleSettings withWindowSize(int newWidthPx, int newHeightPx) {
        return new ConsoleSettings(
                brokerUri,
                fleetId,
                username,
                password,
                newWidthPx,
                newHeightPx,
                reconnectMinDelay,
                reconnectMaxDelay,
                apiUrl,
                trustStore,
                trustStorePassword);
    }

    public ConsoleSettings withReconnectDelays(Duration minDelay, Duration maxDelay) {
        return new ConsoleSettings(
                brokerUri,
                fleetId,
                username,
                password,
                widthPx,
                heightPx,
                minDelay,
                maxDelay,
                apiUrl,
                trustStore,
                trustStorePassword);
    }

    /** Returns these settings with access tokens from the tracker's HTTP API at {@code url}, or none when null. */
    public ConsoleSettings withApiUrl(@Nullable URI url) {
        return new ConsoleSettings(
                brokerUri,
                fleetId,
                username,
                password,
                widthPx,
                heightPx,
                reconnectMinDelay,
                reconnectMaxDelay,
                url,
                trustStore,
                trustStorePassword);
    }

    /** Returns settings that trust the certificates in {@code file} for an {@code ssl://} broker. */
    public ConsoleSettings withTrustStore(@Nullable Path file, @Nullable String filePassword) {
        return new ConsoleSettings(
                brokerUri,
                fleetId,
                username,
                password,
                widthPx,
                heightPx,
                reconnectMinDelay,
                reconnectMaxDelay,
                apiUrl,
                file,
                filePassword);
    }

    /**
     * Loads the trust store and returns the TLS settings of the connection, or null to trust the JVM's trust store.
     *
     * @throws IllegalArgumentException when the trust store is missing or cannot be read with its password
     */
    public @Nullable SSLContext sslContext() {
        if (trustStore == null) {
            return null;
        }
        return TrustStores.clientContext(
                trustStore, trustStorePassword == null ? null : trustStorePassword.toCharArray());
    }

    /** Leaves the password out, so settings can be logged. */
    @Override
    public String toString() {
        return "ConsoleSettings[brokerUri=" + brokerUri + ", fleetId=" + fleetId + ", username=" + username
                + ", window=" + widthPx + "x" + heightPx + ", reconnect=" + reconnectMinDelay + ".."
                + reconnectMaxDelay + ", apiUrl=" + apiUrl + ", trustStore=" + trustStore + "]";
    }

    private static void requireApiUrl(URI apiUrl) {
        String scheme = apiUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "API URL '" + apiUrl + "' must look like http://host:port or https://host:port");
        }
    }

    private static void requireBrokerUri(String brokerUri) {
        URI uri;
        try {
            uri = URI.create(brokerUri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker URI '" + brokerUri + "' is not a URI: " + e.getMessage(), e);
        }
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "broker URI '" + brokerUri + "' must look like tcp://host:port or ssl://host:port");
        }
    }
}
