package org.fleettracker.console.api;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.fleettracker.protocol.api.TrustStores;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * What the console connects to and how its window starts.
 *
 * @param brokerUri MQTT server URI, {@code tcp://host:port} or {@code ssl://host:port}
 * @param fleetIds the fleets whose vehicles the console shows, at least one and each once, in the order given
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
 * @param dataDir folder of the console's own files: the outbox, the tile cache and the saved settings
 * @param sessionExpiry how long the broker keeps the console's MQTT session, and the events queued for it, after
 *     the console disconnects
 * @param tileUrl XYZ template of the map's raster tiles with {@code {z}}, {@code {x}} and {@code {y}}, or null for
 *     a plain background with a grid
 * @param theme the colours of the window
 */
public record ConsoleSettings(
        String brokerUri,
        List<String> fleetIds,
        String username,
        String password,
        int widthPx,
        int heightPx,
        Duration reconnectMinDelay,
        Duration reconnectMaxDelay,
        @Nullable URI apiUrl,
        @Nullable Path trustStore,
        @Nullable String trustStorePassword,
        Path dataDir,
        Duration sessionExpiry,
        @Nullable String tileUrl,
        Theme theme) {

    /** Default broker of a local demo. */
    public static final String DEFAULT_BROKER_URI = "tcp://127.0.0.1:1883";

    public static final String DEFAULT_FLEET_ID = "demo";
    public static final String DEFAULT_USERNAME = "dispatcher";
    public static final String DEFAULT_PASSWORD = "dispatcher-demo";

    /** Default map tiles: OpenStreetMap's standard layer, whose tile usage policy asks for a User-Agent. */
    public static final String DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /** Maximum session expiry that MQTT 5 can express below "never expires" (0xFFFFFFFF s). */
    private static final Duration MAX_SESSION_EXPIRY = Duration.ofSeconds(0xFFFFFFFEL);

    private static final Set<String> SCHEMES = Set.of("tcp", "ssl");

    /** Most fleets one console follows; each adds three subscriptions and a read per fleet on every reconnect. */
    static final int MAX_FLEETS = 50;

    public ConsoleSettings {
        requireBrokerUri(brokerUri);
        fleetIds = requireFleetIds(fleetIds);
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
        if (sessionExpiry.isNegative() || sessionExpiry.compareTo(MAX_SESSION_EXPIRY) > 0) {
            throw new IllegalArgumentException("session expiry must be 0 s to " + MAX_SESSION_EXPIRY.toSeconds()
                    + " s, got " + sessionExpiry.toSeconds() + " s");
        }
        if (tileUrl != null) {
            requireTileUrl(tileUrl);
        }
        if (trustStore != null && !NoDelaySocketFactory.isTlsUri(brokerUri)) {
            throw new IllegalArgumentException(
                    "a trust store applies only to an ssl:// broker URI, not to '" + brokerUri + "'");
        }
    }

    /** Returns settings of one fleet with the default window size and reconnect delays. */
    public static ConsoleSettings of(String brokerUri, String fleetId, String username, String password) {
        return new ConsoleSettings(
                brokerUri,
                List.of(fleetId),
                username,
                password,
                ConsoleConfig.DEFAULT_WIDTH_PX,
                ConsoleConfig.DEFAULT_HEIGHT_PX,
                ConsoleConfig.RECONNECT_MIN_DELAY,
                ConsoleConfig.RECONNECT_MAX_DELAY,
                null,
                null,
                null,
                ConsoleConfig.DEFAULT_DATA_DIR,
                ConsoleConfig.SESSION_EXPIRY,
                null,
                Theme.LIGHT);
    }

    public ConsoleSettings withWindowSize(int newWidthPx, int newHeightPx) {
        return copy(copy -> {
            copy.widthPx = newWidthPx;
            copy.heightPx = newHeightPx;
        });
    }

    public ConsoleSettings withReconnectDelays(Duration minDelay, Duration maxDelay) {
        return copy(copy -> {
            copy.reconnectMinDelay = minDelay;
            copy.reconnectMaxDelay = maxDelay;
        });
    }

    /** Returns settings that connect to the MQTT broker at {@code uri}. */
    public ConsoleSettings withBrokerUri(String uri) {
        return copy(copy -> {
            copy.brokerUri = uri;
        });
    }

    /** Returns settings that show the vehicles of fleet {@code id} only. */
    public ConsoleSettings withFleetId(String id) {
        return withFleetIds(List.of(id));
    }

    /** Returns settings that show the vehicles of every fleet in {@code ids}. */
    public ConsoleSettings withFleetIds(List<String> ids) {
        return copy(copy -> {
            copy.fleetIds = ids;
        });
    }

    /** Returns the fleet ids joined with commas, as the command line and the settings file write them. */
    public String fleetIdsText() {
        return String.join(",", fleetIds);
    }

    /**
     * Splits a comma-separated list of fleet ids; blanks around the commas are ignored.
     *
     * @throws IllegalArgumentException when the list is empty or an id is invalid or repeated
     */
    public static List<String> parseFleetIds(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("give at least one fleet id");
        }
        List<String> ids = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String id = part.strip();
            if (id.isEmpty()) {
                throw new IllegalArgumentException(
                        "fleet list '" + text + "' has an empty fleet id: separate the ids with single commas");
            }
            ids.add(id);
        }
        return requireFleetIds(ids);
    }

    /** Returns settings that log in as {@code user} with {@code secret}, a password or an access token. */
    public ConsoleSettings withLogin(String user, String secret) {
        return copy(copy -> {
            copy.username = user;
            copy.password = secret;
        });
    }

    /** Returns these settings with access tokens from the tracker's HTTP API at {@code url}, or none when null. */
    public ConsoleSettings withApiUrl(@Nullable URI url) {
        return copy(copy -> {
            copy.apiUrl = url;
        });
    }

    /** Returns settings that trust the certificates in {@code file} for an {@code ssl://} broker. */
    public ConsoleSettings withTrustStore(@Nullable Path file, @Nullable String filePassword) {
        return copy(copy -> {
            copy.trustStore = file;
            copy.trustStorePassword = filePassword;
        });
    }

    /** Returns settings that keep the console's files in {@code folder}. */
    public ConsoleSettings withDataDir(Path folder) {
        return copy(copy -> {
            copy.dataDir = folder;
        });
    }

    /** Returns settings whose broker session outlives a disconnect by {@code expiry}. */
    public ConsoleSettings withSessionExpiry(Duration expiry) {
        return copy(copy -> {
            copy.sessionExpiry = expiry;
        });
    }

    /** Returns settings with map tiles from an XYZ {@code template}, or none when null. */
    public ConsoleSettings withTileUrl(@Nullable String template) {
        return copy(copy -> {
            copy.tileUrl = template;
        });
    }

    /** Returns settings with the colours of {@code newTheme}. */
    public ConsoleSettings withTheme(Theme newTheme) {
        return copy(copy -> {
            copy.theme = newTheme;
        });
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
        return "ConsoleSettings[brokerUri=" + brokerUri + ", fleetIds=" + fleetIds + ", username=" + username
                + ", window=" + widthPx + "x" + heightPx + ", reconnect=" + reconnectMinDelay + ".."
                + reconnectMaxDelay + ", apiUrl=" + apiUrl + ", trustStore=" + trustStore + ", dataDir=" + dataDir
                + ", sessionExpiry="
                + sessionExpiry + ", tileUrl=" + tileUrl + ", theme=" + theme + "]";
    }

    private static List<String> requireFleetIds(List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("give at least one fleet id");
        }
        if (ids.size() > MAX_FLEETS) {
            throw new IllegalArgumentException(
                    ids.size() + " fleet ids are too many for one console: give at most " + MAX_FLEETS);
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            Ids.requireValid("fleet id", id);
            if (!seen.add(id)) {
                throw new IllegalArgumentException("fleet id '" + id + "' is given twice");
            }
        }
        return List.copyOf(ids);
    }

    private static void requireApiUrl(URI apiUrl) {
        String scheme = apiUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "API URL '" + apiUrl + "' must look like http://host:port or https://host:port");
        }
    }

    private static void requireTileUrl(String tileUrl) {
        boolean http = tileUrl.startsWith("http://") || tileUrl.startsWith("https://");
        if (!http || !tileUrl.contains("{z}") || !tileUrl.contains("{x}") || !tileUrl.contains("{y}")) {
            throw new IllegalArgumentException("tile URL '" + tileUrl
                    + "' must be an http:// or https:// template with {z}, {x} and {y}, such as " + DEFAULT_TILE_URL);
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

    /** Returns a copy with the changes that {@code edit} makes; the constructor checks the result. */
    private ConsoleSettings copy(Consumer<Copy> edit) {
        Copy copy = new Copy(this);
        edit.accept(copy);
        return copy.build();
    }

    /** The components of a settings value while a {@code with} method changes some of them. */
    private static final class Copy {
        private String brokerUri;
        private List<String> fleetIds;
        private String username;
        private String password;
        private int widthPx;
        private int heightPx;
        private Duration reconnectMinDelay;
        private Duration reconnectMaxDelay;
        private @Nullable URI apiUrl;
        private @Nullable Path trustStore;
        private @Nullable String trustStorePassword;
        private Path dataDir;
        private Duration sessionExpiry;
        private @Nullable String tileUrl;
        private Theme theme;

        Copy(ConsoleSettings settings) {
            brokerUri = settings.brokerUri;
            fleetIds = settings.fleetIds;
            username = settings.username;
            password = settings.password;
            widthPx = settings.widthPx;
            heightPx = settings.heightPx;
            reconnectMinDelay = settings.reconnectMinDelay;
            reconnectMaxDelay = settings.reconnectMaxDelay;
            apiUrl = settings.apiUrl;
            trustStore = settings.trustStore;
            trustStorePassword = settings.trustStorePassword;
            dataDir = settings.dataDir;
            sessionExpiry = settings.sessionExpiry;
            tileUrl = settings.tileUrl;
            theme = settings.theme;
        }

        ConsoleSettings build() {
            return new ConsoleSettings(
                    brokerUri,
                    fleetIds,
                    username,
                    password,
                    widthPx,
                    heightPx,
                    reconnectMinDelay,
                    reconnectMaxDelay,
                    apiUrl,
                    trustStore,
                    trustStorePassword,
                    dataDir,
                    sessionExpiry,
                    tileUrl,
                    theme);
        }
    }
}
