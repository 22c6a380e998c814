package org.fleettracker.tracker.api;

import org.fleettracker.broker.api.SecuritySettings;
import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.fleettracker.tracker.internal.storage.Dialect;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Every tunable of the tracker service, each with a default. Build one with {@link #builder()}, change one with
 * {@link #toBuilder()}.
 *
 * @param mqttPort port of the embedded broker's MQTT listener; 0 picks a free port (default 1883)
 * @param httpPort port of the HTTP API; 0 picks a free port (default 8080)
 * @param bindAddress address the embedded broker and the HTTP API listen on (default 127.0.0.1)
 * @param dataDir folder of the H2 database ({@code <dataDir>/tracker}) and of the broker's files ({@code
 *     <dataDir>/broker}) (default data)
 * @param usersFile users, password hashes and roles that the broker extension checks clients against (default
 *     config/users.yaml)
 * @param owntracksFile which fleet vehicle each OwnTracks user and device acts as; a missing file maps none
 *     (default config/owntracks.yaml)
 * @param geofencesFile GeoJSON FeatureCollection of geofences loaded at start; a missing file has none (default
 *     config/geofences.geojson)
 * @param brokerUrl URI of an external broker such as {@code tcp://127.0.0.1:1883}; null starts the embedded broker
 *     (default null)
 * @param mqttTrustStore certificates the tracker trusts for an {@code ssl://} {@code brokerUrl}: PKCS12, JKS or PEM;
 *     null trusts the JVM's trust store (default null)
 * @param mqttTrustStorePassword password of a PKCS12 or JKS {@code mqttTrustStore}, empty for PEM;
 *     {@link #toString()} hides it (default empty)
 * @param mqttUsername user name of the tracker's own MQTT connection (default tracker)
 * @param mqttPassword password of the tracker's own MQTT connection; {@link #toString()} hides it (default
 *     tracker-demo)
 * @param mqttClientId MQTT client id of the tracker, 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}; the
 *     broker keeps its session while the tracker restarts. Tracker instances on one external broker each need their
 *     own, or they take over each other's session (default tracker)
 * @param sessionExpirySeconds how long the broker keeps the tracker's session and queued messages after it disconnects
 *     (default 86,400)
 * @param mqttReceiveMaximum receive maximum sent in CONNECT: how many unacknowledged QoS 1 messages the broker may send
 *     (default 65,535)
 * @param mqttMaxInflightPublishes how many state and reject publishes may await their PUBACK at once, at most the
 *     receive maximum of the broker's CONNACK (default 1,000)
 * @param publishTimeoutMs how long a publish waits for a free in-flight slot before it is dropped and counted (default
 *     10,000)
 * @param batchMaxSize maximum number of messages written in one database transaction (default 500)
 * @param batchMaxDelayMs longest time the first message of a batch waits for the batch to fill (default 50)
 * @param batchLingerMs the open batch is committed early when no message arrives for this long (default 2)
 * @param dbRetryDelayMs wait before committing a batch again after a database error; it doubles with each further
 *     failure up to {@code dbRetryMaxDelayMs} and starts again after a success (default 1,000)
 * @param dbRetryMaxDelayMs longest wait between two commit attempts of a failing batch (default 30,000)
 * @param dbUrl JDBC URL of an external H2 or PostgreSQL database, such as {@code
 *     jdbc:h2:tcp://127.0.0.1:9092/tracker} or {@code jdbc:postgresql://127.0.0.1:5432/fleet}; null uses the H2 file
 *     {@code <dataDir>/tracker} (default null)
 * @param dbUser user of the database at {@code dbUrl}; null logs in as {@code sa} on H2 and as the URL's {@code user}
 *     property on PostgreSQL (default null)
 * @param dbPassword password of {@code dbUser}; {@link #toString()} hides it (default empty)
 * @param brokerStartTimeoutMs longest wait for the embedded broker to start (default 60,000)
 * @param connectTimeoutMs longest wait for the first MQTT connection and subscription (default 30,000)
 * @param httpThreads worker threads of the HTTP API (default 4)
 * @param positionsDefaultLimit positions returned by the positions endpoint when the request has no {@code limit}
 *     (default 1,000)
 * @param positionsMaxLimit largest {@code limit} the positions endpoint accepts (default 10,000)
 * @param exportMaxPositions maximum positions in one CSV, GPX or GeoJSON export; a larger range is rejected with
 *     400 (default 100,000)
 * @param deliveryCheckMs period of the embedded broker's delivery check; two quiet periods in a row while vehicles
 *     publish make the tracker reconnect (default 2,000)
 * @param tokenSecretFile file with the base64 secret that signs access tokens; it must exist. Null uses
 *     {@code <dataDir>/token-secret}, created with owner-only permissions on first start (default null)
 * @param tokenLifetimeSeconds how long an access token from {@code POST /api/v1/tokens} is valid, 1 to 86,400
 *     (default 900)
 * @param mqttTlsPort port of the embedded broker's TLS listener, opened only with {@code mqttTlsKeyStore}; 0 picks
 *     a free port (default 8883)
 * @param mqttTlsKeyStore PKCS12 or JKS key store with the broker's private key and certificate; null opens no TLS
 *     listener (default null)
 * @param mqttTlsKeyStorePassword password of the key store and of its private key; {@link #toString()} hides it
 *     (default empty)
 * @param mqttPlainEnabled whether the embedded broker opens the plain listener on {@code mqttPort}; when false the
 *     tracker's own client connects over TLS and trusts the certificate in {@code mqttTlsKeyStore} (default true)
 * @param brokerSecurity limits of the embedded broker's security extension: login throttling, duplicate client
 *     ids, payload size and publish rates (default {@link SecuritySettings#defaults()})
 * @param ingest limits of the ingest rules: fix time window, implied speed, low confidence (default {@link
 *     IngestSettings#defaults()})
 * @param fleet thresholds of the fleet rules: status, alerts, geofences, trips, ETAs (default {@link
 *     FleetSettings#defaults()})
 * @param cluster whether several tracker instances share the database and how they take turns (default {@link
 *     ClusterSettings#defaults()}: on with an external broker)
 */
public record TrackerSettings(
        int mqttPort,
        int httpPort,
        String bindAddress,
        Path dataDir,
        Path usersFile,
        Path owntracksFile,
        Path geofencesFile,
        @Nullable String brokerUrl,
        @Nullable Path mqttTrustStore,
        String mqttTrustStorePassword,
        String mqttUsername,
        String mqttPassword,
        String mqttClientId,
        long sessionExpirySeconds,
        int mqttReceiveMaximum,
        int mqttMaxInflightPublishes,
        long publishTimeoutMs,
        int batchMaxSize,
        long batchMaxDelayMs,
        long batchLingerMs,
        long dbRetryDelayMs,
        long dbRetryMaxDelayMs,
        @Nullable String dbUrl,
        @Nullable String dbUser,
        String dbPassword,
        long brokerStartTimeoutMs,
        long connectTimeoutMs,
        int httpThreads,
        int positionsDefaultLimit,
        int positionsMaxLimit,
        int exportMaxPositions,
        long deliveryCheckMs,
        @Nullable Path tokenSecretFile,
        long tokenLifetimeSeconds,
        int mqttTlsPort,
        @Nullable Path mqttTlsKeyStore,
        String mqttTlsKeyStorePassword,
        boolean mqttPlainEnabled,
        SecuritySettings brokerSecurity,
        IngestSettings ingest,
        FleetSettings fleet,
        ClusterSettings cluster) {

    public static final int DEFAULT_MQTT_PORT = 1883;
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final Path DEFAULT_USERS_FILE = Path.of("config", "users.yaml");

    /** Default of {@link #owntracksFile()}. */
    public static final Path DEFAULT_OWNTRACKS_FILE = Path.of("config", "owntracks.yaml");

    /** Default of {@link #geofencesFile()}. */
    public static final Path DEFAULT_GEOFENCES_FILE = Path.of("config", "geofences.geojson");

    public static final String DEFAULT_MQTT_USERNAME = "tracker";
    public static final String DEFAULT_MQTT_PASSWORD = "tracker-demo";

    /** Default of {@link #mqttClientId()}. */
    public static final String DEFAULT_MQTT_CLIENT_ID = "tracker";

    public static final long DEFAULT_TOKEN_LIFETIME_SECONDS = 900;

    /** Name of the token secret file inside the data folder when no file is configured. */
    public static final String DEFAULT_TOKEN_SECRET_FILE_NAME = "token-secret";

    public static final int DEFAULT_MQTT_TLS_PORT = 8883;

    public TrackerSettings {
        requirePort("mqttPort", mqttPort);
        requirePort("httpPort", httpPort);
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(owntracksFile, "owntracksFile");
        Objects.requireNonNull(geofencesFile, "geofencesFile");
        Objects.requireNonNull(mqttUsername, "mqttUsername");
        Objects.requireNonNull(mqttPassword, "mqttPassword");
        Objects.requireNonNull(mqttClientId, "mqttClientId");
        if (!Ids.isValid(mqttClientId)) {
            throw new IllegalArgumentException("mqttClientId '" + mqttClientId + "' is invalid: use 1 to "
                    + Ids.MAX_LENGTH + " letters, digits, '.', '_' or '-'");
        }
        requireAtLeast("sessionExpirySeconds", sessionExpirySeconds, 0);
        requireRange("mqttReceiveMaximum", mqttReceiveMaximum, 1, 65_535);
        requireRange("mqttMaxInflightPublishes", mqttMaxInflightPublishes, 1, 65_535);
        requireAtLeast("publishTimeoutMs", publishTimeoutMs, 1);
        requireRange("batchMaxSize", batchMaxSize, 1, 100_000);
        requireAtLeast("batchMaxDelayMs", batchMaxDelayMs, 0);
        requireAtLeast("batchLingerMs", batchLingerMs, 0);
        requireAtLeast("dbRetryDelayMs", dbRetryDelayMs, 1);
        requireAtLeast("dbRetryMaxDelayMs", dbRetryMaxDelayMs, dbRetryDelayMs);
        if (dbUrl != null) {
            Dialect.fromUrl(dbUrl);
        }
        Objects.requireNonNull(dbPassword, "dbPassword");
        requireAtLeast("brokerStartTimeoutMs", brokerStartTimeoutMs, 1);
        requireAtLeast("connectTimeoutMs", connectTimeoutMs, 1);
        requireRange("httpThreads", httpThreads, 1, 256);
        requireRange("positionsMaxLimit", positionsMaxLimit, 1, Integer.MAX_VALUE);
        requireRange("positionsDefaultLimit", positionsDefaultLimit, 1, positionsMaxLimit);
        requireRange("exportMaxPositions", exportMaxPositions, 1, Integer.MAX_VALUE);
        requireRange("deliveryCheckMs", deliveryCheckMs, 100, Long.MAX_VALUE);
        requireRange("tokenLifetimeSeconds", tokenLifetimeSeconds, 1, 86_400);
        requirePort("mqttTlsPort", mqttTlsPort);
        requireTlsSettings(mqttTlsKeyStore, mqttTlsKeyStorePassword, mqttPlainEnabled);
        requireTrustStoreSettings(brokerUrl, mqttTrustStore, mqttTrustStorePassword);
        Objects.requireNonNull(brokerSecurity, "brokerSecurity");
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(cluster, "cluster");
        if (cluster.tickLease().compareTo(fleet.tickInterval()) <= 0) {
            throw new IllegalArgumentException("cluster.tick-lease " + cluster.tickLease()
                    + " must be longer than fleet.tick-interval " + fleet.tickInterval()
                    + ", because the instance that runs the ticks renews its lease on each tick");
        }
    }

    /** Returns whether this tracker takes turns per vehicle with other instances on its database (docs/cluster.md). */
    public boolean clusterEnabled() {
        return cluster.enabledFor(brokerUrl);
    }

    /** Returns whether the embedded broker opens a TLS listener. */
    public boolean mqttTlsEnabled() {
        return mqttTlsKeyStore != null;
    }

    private static void requireTlsSettings(@Nullable Path keyStore, String keyStorePassword, boolean plainEnabled) {
        Objects.requireNonNull(keyStorePassword, "mqttTlsKeyStorePassword");
        if (keyStore != null && keyStorePassword.isEmpty()) {
            throw new IllegalArgumentException("the TLS key store " + keyStore
                    + " needs its password (mqttTlsKeyStorePassword, option mqtt-tls-keystore-password)");
        }
        if (!plainEnabled && keyStore == null) {
            throw new IllegalArgumentException("the plain listener is off (mqttPlainEnabled false, option"
                    + " no-mqtt-plain) but no TLS key store is set (mqttTlsKeyStore, option mqtt-tls-keystore), so the"
                    + " broker would have no listener");
        }
    }

    private static void requireTrustStoreSettings(
            @Nullable String brokerUrl, @Nullable Path trustStore, String trustStorePassword) {
        Objects.requireNonNull(trustStorePassword, "mqttTrustStorePassword");
        if (trustStore != null && (brokerUrl == null || !NoDelaySocketFactory.isTlsUri(brokerUrl))) {
            throw new IllegalArgumentException("the trust store " + trustStore + " (mqttTrustStore, option"
                    + " mqtt-trust-store) applies only to an ssl:// or wss:// broker URL, not to "
                    + (brokerUrl == null ? "the embedded broker" : "'" + brokerUrl + "'"));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return "TrackerSettings[mqttPort=" + mqttPort + ", httpPort=" + httpPort + ", bindAddress=" + bindAddress
                + ", dataDir=" + dataDir + ", usersFile=" + usersFile + ", owntracksFile=" + owntracksFile
                + ", geofencesFile=" + geofencesFile
                + ", brokerUrl=" + brokerUrl + ", mqttTrustStore=" + mqttTrustStore + ", mqttTrustStorePassword=***"
                + ", mqttUsername=" + mqttUsername + ", mqttPassword=***, mqttClientId=" + mqttClientId
                + ", sessionExpirySeconds=" + sessionExpirySeconds + ", mqttReceiveMaximum=" + mqttReceiveMaximum
                + ", mqttMaxInflightPublishes=" + mqttMaxInflightPublishes + ", publishTimeoutMs="
                + publishTimeoutMs + ", batchMaxSize=" + batchMaxSize + ", batchMaxDelayMs=" + batchMaxDelayMs
                + ", batchLingerMs=" + batchLingerMs + ", dbRetryDelayMs=" + dbRetryDelayMs
                + ", dbRetryMaxDelayMs=" + dbRetryMaxDelayMs + ", dbUrl=" + maskedDbUrl() + ", dbUser=" + dbUser
                + ", dbPassword=***"
                + ", brokerStartTimeoutMs=" + brokerStartTimeoutMs + ", connectTimeoutMs=" + connectTimeoutMs
                + ", httpThreads=" + httpThreads + ", positionsDefaultLimit=" + positionsDefaultLimit
                + ", positionsMaxLimit=" + positionsMaxLimit + ", exportMaxPositions=" + exportMaxPositions
                + ", deliveryCheckMs=" + deliveryCheckMs
                + ", tokenSecretFile=" + tokenSecretFile + ", tokenLifetimeSeconds=" + tokenLifetimeSeconds
                + ", mqttTlsPort=" + mqttTlsPort + ", mqttTlsKeyStore=" + mqttTlsKeyStore
                + ", mqttTlsKeyStorePassword=***, mqttPlainEnabled=" + mqttPlainEnabled + ", brokerSecurity="
                + brokerSecurity + ", ingest=" + ingest + ", fleet=" + fleet + ", cluster=" + cluster + "]";
    }

    /**
     * Returns {@code dbUrl} with the value of a password setting hidden, for logs: H2's {@code PASSWORD=} or
     * PostgreSQL's {@code password=}.
     */
    private @Nullable String maskedDbUrl() {
        return dbUrl == null ? null : Dialect.fromUrl(dbUrl).maskPassword(dbUrl);
    }

    private static void requirePort(String name, int port) {
        requireRange(name, port, 0, 65_535);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is out of range [" + min + ", " + max + "]");
        }
    }

    private static void requireAtLeast(String name, long value, long min) {
        requireRange(name, value, min, Long.MAX_VALUE);
    }

    /** Mutable builder of {@link TrackerSettings}; starts from the defaults. */
    public static final class Builder {
        private int mqttPort = DEFAULT_MQTT_PORT;
        private int httpPort = DEFAULT_HTTP_PORT;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private Path dataDir = DEFAULT_DATA_DIR;
        private Path usersFile = DEFAULT_USERS_FILE;
        private Path owntracksFile = DEFAULT_OWNTRACKS_FILE;
        private Path geofencesFile = DEFAULT_GEOFENCES_FILE;
        private @Nullable String brokerUrl;
        private @Nullable Path mqttTrustStore;
        private String mqttTrustStorePassword = "";
        private String mqttUsername = DEFAULT_MQTT_USERNAME;
        private String mqttPassword = DEFAULT_MQTT_PASSWORD;
        private String mqttClientId = DEFAULT_MQTT_CLIENT_ID;
        private long sessionExpirySeconds = 86_400;
        private int mqttReceiveMaximum = 65_535;
        private int mqttMaxInflightPublishes = 1_000;
        private long publishTimeoutMs = 10_000;
        private int batchMaxSize = 500;
        private long batchMaxDelayMs = 50;
        private long batchLingerMs = 2;
        private long dbRetryDelayMs = 1_000;
        private long dbRetryMaxDelayMs = 30_000;
        private @Nullable String dbUrl;
        private @Nullable String dbUser;
        private String dbPassword = "";
        private long brokerStartTimeoutMs = 60_000;
        private long connectTimeoutMs = 30_000;
        private int httpThreads = 4;
        private int positionsDefaultLimit = 1_000;
        private int positionsMaxLimit = 10_000;
        private int exportMaxPositions = 100_000;
        private long deliveryCheckMs = 2_000;
        private @Nullable Path tokenSecretFile;
        private long tokenLifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS;
        private int mqttTlsPort = DEFAULT_MQTT_TLS_PORT;
        private @Nullable Path mqttTlsKeyStore;
        private String mqttTlsKeyStorePassword = "";
        private boolean mqttPlainEnabled = true;
        private SecuritySettings brokerSecurity = SecuritySettings.defaults();
        private IngestSettings ingest = IngestSettings.defaults();
        private FleetSettings fleet = FleetSettings.defaults();
        private ClusterSettings cluster = ClusterSettings.defaults();

        private Builder() {}

        private Builder(TrackerSettings s) {
            mqttPort = s.mqttPort;
            httpPort = s.httpPort;
            bindAddress = s.bindAddress;
            dataDir = s.dataDir;
            usersFile = s.usersFile;
            owntracksFile = s.owntracksFile;
            geofencesFile = s.geofencesFile;
            brokerUrl = s.brokerUrl;
            mqttTrustStore = s.mqttTrustStore;
            mqttTrustStorePassword = s.mqttTrustStorePassword;
            mqttUsername = s.mqttUsername;
            mqttPassword = s.mqttPassword;
            mqttClientId = s.mqttClientId;
            sessionExpirySeconds = s.sessionExpirySeconds;
            mqttReceiveMaximum = s.mqttReceiveMaximum;
            mqttMaxInflightPublishes = s.mqttMaxInflightPublishes;
            publishTimeoutMs = s.publishTimeoutMs;
            batchMaxSize = s.batchMaxSize;
            batchMaxDelayMs = s.batchMaxDelayMs;
            batchLingerMs = s.batchLingerMs;
            dbRetryDelayMs = s.dbRetryDelayMs;
            dbRetryMaxDelayMs = s.dbRetryMaxDelayMs;
            dbUrl = s.dbUrl;
            dbUser = s.dbUser;
            dbPassword = s.dbPassword;
            brokerStartTimeoutMs = s.brokerStartTimeoutMs;
            connectTimeoutMs = s.connectTimeoutMs;
            httpThreads = s.httpThreads;
            positionsDefaultLimit = s.positionsDefaultLimit;
            positionsMaxLimit = s.positionsMaxLimit;
            exportMaxPositions = s.exportMaxPositions;
            deliveryCheckMs = s.deliveryCheckMs;
            mqttTlsPort = s.mqttTlsPort;
            mqttTlsKeyStore = s.mqttTlsKeyStore;
            mqttTlsKeyStorePassword = s.mqttTlsKeyStorePassword;
            mqttPlainEnabled = s.mqttPlainEnabled;
            brokerSecurity = s.brokerSecurity;
            ingest = s.ingest;
            fleet = s.fleet;
            cluster = s.cluster;
            tokenSecretFile = s.tokenSecretFile;
            tokenLifetimeSeconds = s.tokenLifetimeSeconds;
        }

        public Builder tokenSecretFile(@Nullable Path value) {
            tokenSecretFile = value;
            return this;
        }

        public Builder tokenLifetimeSeconds(long value) {
            tokenLifetimeSeconds = value;
            return this;
        }

        public Builder deliveryCheckMs(long value) {
            deliveryCheckMs = value;
            return this;
        }

        public Builder mqttTlsPort(int value) {
            mqttTlsPort = value;
            return this;
        }

        /** Sets the key store of the TLS listener; null opens no TLS listener. */
        public Builder mqttTlsKeyStore(@Nullable Path value) {
            mqttTlsKeyStore = value;
            return this;
        }

        public Builder mqttTlsKeyStorePassword(String value) {
            mqttTlsKeyStorePassword = value;
            return this;
        }

        public Builder fleet(FleetSettings value) {
            fleet = value;
            return this;
        }

        public Builder cluster(ClusterSettings value) {
            cluster = value;
            return this;
        }

        public Builder ingest(IngestSettings value) {
            ingest = value;
            return this;
        }

        public Builder brokerSecurity(SecuritySettings value) {
            brokerSecurity = value;
            return this;
        }

        public Builder mqttPlainEnabled(boolean value) {
            mqttPlainEnabled = value;
            return this;
        }

        public Builder mqttPort(int value) {
            mqttPort = value;
            return this;
        }

        public Builder httpPort(int value) {
            httpPort = value;
            return this;
        }

        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder usersFile(Path value) {
            usersFile = value;
            return this;
        }

        public Builder owntracksFile(Path value) {
            owntracksFile = value;
            return this;
        }

        public Builder geofencesFile(Path value) {
            geofencesFile = value;
            return this;
        }

        public Builder brokerUrl(@Nullable String value) {
            brokerUrl = value;
            return this;
        }

        /** Sets the certificates trusted for an {@code ssl://} broker URL; null trusts the JVM's trust store. */
        public Builder mqttTrustStore(@Nullable Path value) {
            mqttTrustStore = value;
            return this;
        }

        public Builder mqttTrustStorePassword(String value) {
            mqttTrustStorePassword = value;
            return this;
        }

        public Builder mqttUsername(String value) {
            mqttUsername = value;
            return this;
        }

        public Builder mqttPassword(String value) {
            mqttPassword = value;
            return this;
        }

        public Builder mqttClientId(String value) {
            mqttClientId = value;
            return this;
        }

        public Builder sessionExpirySeconds(long value) {
            sessionExpirySeconds = value;
            return this;
        }

        public Builder mqttReceiveMaximum(int value) {
            mqttReceiveMaximum = value;
            return this;
        }

        public Builder mqttMaxInflightPublishes(int value) {
            mqttMaxInflightPublishes = value;
            return this;
        }

        public Builder publishTimeoutMs(long value) {
            publishTimeoutMs = value;
            return this;
        }

        public Builder batchMaxSize(int value) {
            batchMaxSize = value;
            return this;
        }

        public Builder batchMaxDelayMs(long value) {
            batchMaxDelayMs = value;
            return this;
        }

        public Builder batchLingerMs(long value) {
            batchLingerMs = value;
            return this;
        }

        public Builder dbRetryDelayMs(long value) {
            dbRetryDelayMs = value;
            return this;
        }

        public Builder dbRetryMaxDelayMs(long value) {
            dbRetryMaxDelayMs = value;
            return this;
        }

        /** Sets the JDBC URL of an external H2 or PostgreSQL database; null uses the H2 file in the data folder. */
        public Builder dbUrl(@Nullable String value) {
            dbUrl = value;
            return this;
        }

        /** Sets the database user; null uses {@code sa} on H2 and the URL's {@code user} property on PostgreSQL. */
        public Builder dbUser(@Nullable String value) {
            dbUser = value;
            return this;
        }

        public Builder dbPassword(String value) {
            dbPassword = value;
            return this;
        }

        public Builder brokerStartTimeoutMs(long value) {
            brokerStartTimeoutMs = value;
            return this;
        }

        public Builder connectTimeoutMs(long value) {
            connectTimeoutMs = value;
            return this;
        }

        public Builder httpThreads(int value) {
            httpThreads = value;
            return this;
        }

        public Builder positionsDefaultLimit(int value) {
            positionsDefaultLimit = value;
            return this;
        }

        public Builder positionsMaxLimit(int value) {
            positionsMaxLimit = value;
            return this;
        }

        public Builder exportMaxPositions(int value) {
            exportMaxPositions = value;
            return this;
        }

        /**
         * Creates the settings.
         *
         * @throws IllegalArgumentException naming the first value that is out of range
         */
        public TrackerSettings build() {
            return new TrackerSettings(
                    mqttPort,
                    httpPort,
                    bindAddress,
                    dataDir,
                    usersFile,
                    owntracksFile,
                    geofencesFile,
                    brokerUrl,
                    mqttTrustStore,
                    mqttTrustStorePassword,
                    mqttUsername,
                    mqttPassword,
                    mqttClientId,
                    sessionExpirySeconds,
                    mqttReceiveMaximum,
                    mqttMaxInflightPublishes,
                    publishTimeoutMs,
                    batchMaxSize,
                    batchMaxDelayMs,
                    batchLingerMs,
                    dbRetryDelayMs,
                    dbRetryMaxDelayMs,
                    dbUrl,
                    dbUser,
                    dbPassword,
                    brokerStartTimeoutMs,
                    connectTimeoutMs,
                    httpThreads,
                    positionsDefaultLimit,
                    positionsMaxLimit,
                    exportMaxPositions,
                    deliveryCheckMs,
                    tokenSecretFile,
                    tokenLifetimeSeconds,
                    mqttTlsPort,
                    mqttTlsKeyStore,
                    mqttTlsKeyStorePassword,
                    mqttPlainEnabled,
                    brokerSecurity,
                    ingest,
                    fleet,
                    cluster);
        }
    }
}
