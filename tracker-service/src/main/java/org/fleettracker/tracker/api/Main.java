package org.fleettracker.tracker.api;

import org.fleettracker.broker.api.SecuritySettings;
import org.fleettracker.tracker.internal.geofence.GeofencesFile;
import org.fleettracker.tracker.internal.geofence.InvalidGeofencesFileException;
import org.fleettracker.tracker.internal.owntracks.InvalidOwnTracksFileException;
import org.fleettracker.tracker.internal.owntracks.OwnTracksMapping;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code tracker} command: starts a {@link Tracker} and runs it until SIGTERM or Ctrl-C.
 *
 * <p>Each value comes from, in order: the command-line option, the environment (the passwords only), the
 * properties file given by {@code --config} (keys are the long option names without dashes, such as
 * {@code mqtt-port} or {@code token-lifetime}), and the default of {@link TrackerSettings}. The environment sets only
 * the passwords: {@value #PASSWORD_ENV}, {@value #TLS_KEYSTORE_PASSWORD_ENV}, {@value #TRUST_STORE_PASSWORD_ENV} and
 * {@value #DB_PASSWORD_ENV}. The database password has no key in the file, so that it stays out of files that are
 * shared. The file may also set {@code batch-max-size}, {@code batch-max-delay-ms}, {@code batch-linger-ms},
 * {@code session-expiry-seconds}, {@code db-retry-delay-ms} and {@code db-retry-max-delay-ms}.
 */
@Command(
        name = "tracker",
        mixinStandardHelpOptions = true,
        version = "tracker 0.1.0",
        description = "Runs the fleet tracker: MQTT ingest into H2 or PostgreSQL, vehicle state, and the HTTP API.")
public final class Main implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /** Environment variable that sets the tracker's MQTT password. */
    static final String PASSWORD_ENV = "FLEET_TRACKER_MQTT_PASSWORD";

    /** Keys of the properties file besides those with {@link #SECURITY_PREFIX}. */
    private static final Set<String> CONFIG_KEYS = Set.of(
            "mqtt-port",
            "http-port",
            "bind-address",
            "data-dir",
            "users-file",
            "owntracks-file",
            "geofences-file",
            "broker-url",
            "mqtt-trust-store",
            "mqtt-trust-store-password",
            "mqtt-username",
            "mqtt-password",
            "token-secret-file",
            "token-lifetime",
            "mqtt-tls-port",
            "mqtt-tls-keystore",
            "mqtt-tls-keystore-password",
            "mqtt-plain",
            "mqtt-client-id",
            "batch-max-size",
            "batch-max-delay-ms",
            "batch-linger-ms",
            "session-expiry-seconds",
            "db-url",
            "db-user",
            "db-retry-delay-ms",
            "db-retry-max-delay-ms");

    /** Prefix of the properties-file keys that set the broker extension's limits. */
    static final String SECURITY_PREFIX = "security.";

    /** Prefix of the properties-file keys that set the ingest rules' limits ({@link IngestSettings}). */
    static final String INGEST_PREFIX = "ingest.";

    /** Prefix of the properties-file keys that set the fleet rules' thresholds ({@link FleetSettings}). */
    static final String FLEET_PREFIX = "fleet.";

    /** Prefix of the properties-file keys of the cluster mode ({@link ClusterSettings}). */
    static final String CLUSTER_PREFIX = "cluster.";

    /** Environment variable that sets the password of the TLS key store, so that it does not show in {@code ps}. */
    static final String TLS_KEYSTORE_PASSWORD_ENV = "FLEET_TRACKER_TLS_KEYSTORE_PASSWORD";

    /** Environment variable that sets the password of the database user, so that it does not show in {@code ps}. */
    static final String DB_PASSWORD_ENV = "FLEET_TRACKER_DB_PASSWORD";

    /** Environment variable that sets the password of {@code --mqtt-trust-store}. */
    static final String TRUST_STORE_PASSWORD_ENV = "FLEET_TRACKER_TRUST_STORE_PASSWORD";

    static final Path DEFAULT_CONFIG = Path.of("config", "tracker.properties");

    /** A token lifetime with a unit: seconds, minutes or hours. */
    private static final Pattern LIFETIME = Pattern.compile("([0-9]{1,9})([smh])");

    @Option(
            names = "--mqtt-port",
            paramLabel = "PORT",
            description = "MQTT port of the embedded broker; 0 picks a free port (default: 1883).")
    @Nullable
    Integer mqttPort;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description = "Port of the HTTP API; 0 picks a free port (default: 8080).")
    @Nullable
    Integer httpPort;

    @Option(
            names = "--bind-address",
            paramLabel = "ADDRESS",
            description = "Address the broker and the HTTP API listen on (default: 127.0.0.1).")
    @Nullable
    String bindAddress;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Folder of the database and the broker's files (default: data).")
    @Nullable
    Path dataDir;

    @Option(
            names = "--users-file",
            paramLabel = "FILE",
            description = "Users and roles the broker checks clients against (default: config/users.yaml).")
    @Nullable
    Path usersFile;

    @Option(
            names = "--owntracks-file",
            paramLabel = "FILE",
            description = "Which fleet vehicle each OwnTracks user and device acts as; a missing file maps none"
                    + " (default: config/owntracks.yaml).")
    @Nullable
    Path owntracksFile;

    @Option(
            names = "--geofences-file",
            paramLabel = "FILE",
            description = "GeoJSON FeatureCollection of geofences loaded at start; a missing file has none"
                    + " (default: config/geofences.geojson).")
    @Nullable
    Path geofencesFile;

    @Option(
            names = "--broker-url",
            paramLabel = "URI",
            description = "External MQTT broker, such as tcp://127.0.0.1:1883; without it the tracker starts"
                    + " its own broker.")
    @Nullable
    String brokerUrl;

    @Option(
            names = "--mqtt-trust-store",
            paramLabel = "FILE",
            description = "Certificates to trust for an ssl:// --broker-url: PKCS12, JKS or PEM (default: the JVM's"
                    + " trust store).")
    @Nullable
    Path mqttTrustStore;

    @Option(
            names = "--mqtt-trust-store-password",
            paramLabel = "PASSWORD",
            description = "Password of a PKCS12 or JKS --mqtt-trust-store; prefer the environment variable "
                    + TRUST_STORE_PASSWORD_ENV + ", because options show in ps (default: none).")
    @Nullable
    String mqttTrustStorePassword;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC-URL",
            description = "External database: H2 such as jdbc:h2:tcp://127.0.0.1:9092/tracker, or PostgreSQL such"
                    + " as jdbc:postgresql://127.0.0.1:5432/fleet (see docs/postgresql.md); without it the tracker"
                    + " uses the H2 file in --data-dir.")
    @Nullable
    String dbUrl;

    @Option(
            names = "--db-user",
            paramLabel = "USER",
            description =
                    "User of the --db-url database (default: sa on H2, the URL's user property on" + " PostgreSQL).")
    @Nullable
    String dbUser;

    @Option(
            names = "--db-password",
            paramLabel = "PASSWORD",
            description = "Password of --db-user; prefer the environment variable " + DB_PASSWORD_ENV
                    + ", because options show in ps (default: none).")
    @Nullable
    String dbPassword;

    @Option(
            names = "--mqtt-username",
            paramLabel = "USER",
            description = "User name of the tracker's MQTT connection (default: tracker).")
    @Nullable
    String mqttUsername;

    @Option(
            names = "--mqtt-client-id",
            paramLabel = "ID",
            description = "MQTT client id of the tracker; the broker keeps its session and queued messages under it"
                    + " while the tracker restarts. With --broker-url, give every tracker instance its own id"
                    + " (default: tracker).")
    @Nullable
    String mqttClientId;

    @Option(
            names = "--mqtt-password",
            paramLabel = "PASSWORD",
            description = "Password of the tracker's MQTT connection; prefer the environment variable " + PASSWORD_ENV
                    + " (default: tracker-demo).")
    @Nullable
    String mqttPassword;

    @Option(
            names = "--token-secret-file",
            paramLabel = "FILE",
            description = "File with the base64 secret (at least 32 bytes) that signs access tokens; it must exist"
                    + " (default: <data-dir>/token-secret, created on first start).")
    @Nullable
    Path tokenSecretFile;

    @Option(
            names = "--token-lifetime",
            paramLabel = "DURATION",
            description =
                    "How long an access token is valid, 1s to 24h, such as 900s, 15m, 2h or PT15M" + " (default: 15m).")
    @Nullable
    String tokenLifetime;

    @Option(
            names = "--mqtt-tls-port",
            paramLabel = "PORT",
            description = "TLS MQTT port of the embedded broker, opened with --mqtt-tls-keystore; 0 picks a free"
                    + " port (default: 8883).")
    @Nullable
    Integer mqttTlsPort;

    @Option(
            names = "--mqtt-tls-keystore",
            paramLabel = "FILE",
            description = "PKCS12 or JKS key store with the broker's private key and certificate; opens the TLS"
                    + " listener (default: none).")
    @Nullable
    Path mqttTlsKeyStore;

    @Option(
            names = "--mqtt-tls-keystore-password",
            paramLabel = "PASSWORD",
            description = "Password of the key store and its private key; prefer the environment variable "
                    + TLS_KEYSTORE_PASSWORD_ENV + ", because options show in ps.")
    @Nullable
    String mqttTlsKeyStorePassword;

    @Option(
            names = "--mqtt-plain",
            negatable = true,
            description = "Open the plain MQTT listener on --mqtt-port; --no-mqtt-plain leaves only the TLS"
                    + " listener (default: on).")
    @Nullable
    Boolean mqttPlain;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file with defaults for the options above (default: config/tracker.properties"
                    + " when it exists).")
    @Nullable
    Path configFile;

    @CommandLine.Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    private final Map<String, String> environment;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Main(Map<String, String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Main(System.getenv())).execute(args));
    }

    static CommandLine commandLine(Main main) {
        return new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        TrackerSettings settings = settings();
        if (settings.brokerUrl() == null && !Files.isRegularFile(settings.usersFile())) {
            // The embedded broker would start and refuse every client, so the tracker's own login would time out.
            throw new CommandLine.ParameterException(
                    commandSpec().commandLine(),
                    "The users file " + settings.usersFile().toAbsolutePath() + " does not exist: pass --users-file,"
                            + " or create it with './fleet users add USER --role ROLE'");
        }
        requireValidOwnTracksFile(settings);
        requireValidGeofencesFile(settings);
        long startNanos = System.nanoTime();
        Tracker tracker;
        try {
            tracker = Tracker.start(settings);
        } catch (RuntimeException e) {
            log.error("Tracker failed to start: {}", e.getMessage());
            log.debug("Start failure", e);
            return 1;
        }
        long startMs = (System.nanoTime() - startNanos) / 1_000_000;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tracker), "tracker-shutdown"));
        log.info(
                "Tracker ready in {} ms (JVM up {} ms): MQTT {}, HTTP {}",
                startMs,
                ManagementFactory.getRuntimeMXBean().getUptime(),
                tracker.mqttServerUri(),
                tracker.httpBaseUri());
        String tlsUri = tracker.mqttTlsServerUri();
        if (tlsUri != null) {
            log.info("MQTT over TLS on {}", tlsUri);
        }
        awaitStop();
        return 0;
    }

    /**
     * Returns the settings from the options, the environment, the properties file and the defaults.
     *
     * @throws CommandLine.ParameterException when the properties file is missing or contains an invalid value
     */
    TrackerSettings settings() {
        Properties file = loadConfig();
        requireKnownKeys(file);
        TrackerSettings.Builder builder = TrackerSettings.builder();
        try {
            builder.mqttPort(pick(mqttPort, file, "mqtt-port", Integer::parseInt, TrackerSettings.DEFAULT_MQTT_PORT));
            builder.httpPort(pick(httpPort, file, "http-port", Integer::parseInt, TrackerSettings.DEFAULT_HTTP_PORT));
            builder.bindAddress(pick(bindAddress, file, "bind-address", s -> s, TrackerSettings.DEFAULT_BIND_ADDRESS));
            builder.dataDir(pick(dataDir, file, "data-dir", Path::of, TrackerSettings.DEFAULT_DATA_DIR));
            builder.usersFile(pick(usersFile, file, "users-file", Path::of, TrackerSettings.DEFAULT_USERS_FILE));
            builder.owntracksFile(
                    pick(owntracksFile, file, "owntracks-file", Path::of, TrackerSettings.DEFAULT_OWNTRACKS_FILE));
            builder.geofencesFile(
                    pick(geofencesFile, file, "geofences-file", Path::of, TrackerSettings.DEFAULT_GEOFENCES_FILE));
            builder.brokerUrl(brokerUrl != null ? brokerUrl : blankToNull(file.getProperty("broker-url")));
            builder.dbUrl(dbUrl != null ? dbUrl : blankToNull(file.getProperty("db-url")));
            builder.dbUser(dbUser != null ? dbUser : blankToNull(file.getProperty("db-user")));
            String databasePassword = dbPassword != null ? dbPassword : environment.get(DB_PASSWORD_ENV);
            builder.dbPassword(databasePassword == null ? "" : databasePassword);
            builder.mqttUsername(
                    pick(mqttUsername, file, "mqtt-username", s -> s, TrackerSettings.DEFAULT_MQTT_USERNAME));
            builder.mqttClientId(
                    pick(mqttClientId, file, "mqtt-client-id", s -> s, TrackerSettings.DEFAULT_MQTT_CLIENT_ID));
            String password = mqttPassword != null ? mqttPassword : environment.get(PASSWORD_ENV);
            builder.mqttPassword(pick(password, file, "mqtt-password", s -> s, TrackerSettings.DEFAULT_MQTT_PASSWORD));
            Path secretFile = tokenSecretFile;
            String secretFileInConfig = blankToNull(file.getProperty("token-secret-file"));
            if (secretFile == null && secretFileInConfig != null) {
                secretFile = Path.of(secretFileInConfig);
            }
            builder.tokenSecretFile(secretFile);
            Long lifetimeOption = tokenLifetime == null ? null : parseLifetimeSeconds(tokenLifetime);
            builder.tokenLifetimeSeconds(pick(
                    lifetimeOption,
                    file,
                    "token-lifetime",
                    Main::parseLifetimeSeconds,
                    TrackerSettings.DEFAULT_TOKEN_LIFETIME_SECONDS));
            applyTlsSettings(file, builder);
            applyFileOnlySettings(file, builder);
            builder.brokerSecurity(brokerSecurity(file));
            builder.ingest(ingestSettings(file));
            builder.fleet(fleetSettings(file));
            builder.cluster(clusterSettings(file));
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandSpec().commandLine(), "Invalid setting: " + e.getMessage());
        }
    }

    /** Stops with exit code 2 when the OwnTracks mapping file exists but is invalid; a missing file maps none. */
    private void requireValidOwnTracksFile(TrackerSettings settings) {
        try {
            OwnTracksMapping.load(settings.owntracksFile());
        } catch (InvalidOwnTracksFileException e) {
            throw new CommandLine.ParameterException(commandSpec().commandLine(), e.getMessage());
        }
    }

    /** Stops with exit code 2 when the geofences file exists but is invalid; a missing file has no geofences. */
    private void requireValidGeofencesFile(TrackerSettings settings) {
        try {
            GeofencesFile.load(settings.geofencesFile());
        } catch (InvalidGeofencesFileException e) {
            throw new CommandLine.ParameterException(commandSpec().commandLine(), e.getMessage());
        }
    }

    /** Rejects a key that no setting reads, so that a misspelt key does not silently leave its default in force. */
    private void requireKnownKeys(Properties file) {
        List<String> unknown = file.stringPropertyNames().stream()
                .filter(key -> !CONFIG_KEYS.contains(key)
                        && !key.startsWith(SECURITY_PREFIX)
                        && !isIngestKey(key)
                        && !isFleetKey(key)
                        && !isClusterKey(key))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new CommandLine.ParameterException(
                    commandSpec().commandLine(),
                    "Unknown key '" + unknown.get(0) + "' in the config file; known keys: "
                            + CONFIG_KEYS.stream().sorted().toList() + ", " + SECURITY_PREFIX + "* and "
                            + IngestSettings.KEYS.stream()
                                    .map(k -> INGEST_PREFIX + k)
                                    .toList()
                            + ", "
                            + FleetSettings.KEYS.stream()
                                    .map(k -> FLEET_PREFIX + k)
                                    .toList()
                            + ", "
                            + ClusterSettings.KEYS.stream()
                                    .map(k -> CLUSTER_PREFIX + k)
                                    .toList());
        }
    }

    private static boolean isIngestKey(String key) {
        return key.startsWith(INGEST_PREFIX) && IngestSettings.KEYS.contains(key.substring(INGEST_PREFIX.length()));
    }

    private static boolean isFleetKey(String key) {
        return key.startsWith(FLEET_PREFIX) && FleetSettings.KEYS.contains(key.substring(FLEET_PREFIX.length()));
    }

    /** Returns the ingest rules' limits from the keys that start with {@value #INGEST_PREFIX}. */
    private static IngestSettings ingestSettings(Properties file) {
        try {
            return IngestSettings.fromProperties(withPrefix(file, INGEST_PREFIX));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ingest limits (" + INGEST_PREFIX + "*): " + e.getMessage(), e);
        }
    }

    private static boolean isClusterKey(String key) {
        return key.startsWith(CLUSTER_PREFIX) && ClusterSettings.KEYS.contains(key.substring(CLUSTER_PREFIX.length()));
    }

    /** Returns the cluster mode's settings from the keys that start with {@value #CLUSTER_PREFIX}. */
    private static ClusterSettings clusterSettings(Properties file) {
        try {
            return ClusterSettings.fromProperties(withPrefix(file, CLUSTER_PREFIX));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster mode (" + CLUSTER_PREFIX + "*): " + e.getMessage(), e);
        }
    }

    /** Returns the fleet rules' thresholds from the keys that start with {@value #FLEET_PREFIX}. */
    private static FleetSettings fleetSettings(Properties file) {
        try {
            return FleetSettings.fromProperties(withPrefix(file, FLEET_PREFIX));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fleet thresholds (" + FLEET_PREFIX + "*): " + e.getMessage(), e);
        }
    }

    /** Returns the keys that start with {@code prefix}, without it. */
    private static Properties withPrefix(Properties file, String prefix) {
        Properties selected = new Properties();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                selected.setProperty(key.substring(prefix.length()), file.getProperty(key));
            }
        }
        return selected;
    }

    private void applyTlsSettings(Properties file, TrackerSettings.Builder builder) {
        builder.mqttTrustStore(
                mqttTrustStore != null ? mqttTrustStore : pathOrNull(file.getProperty("mqtt-trust-store")));
        String trustStorePassword =
                mqttTrustStorePassword != null ? mqttTrustStorePassword : environment.get(TRUST_STORE_PASSWORD_ENV);
        builder.mqttTrustStorePassword(pick(trustStorePassword, file, "mqtt-trust-store-password", s -> s, ""));
        builder.mqttTlsPort(
                pick(mqttTlsPort, file, "mqtt-tls-port", Integer::parseInt, TrackerSettings.DEFAULT_MQTT_TLS_PORT));
        builder.mqttTlsKeyStore(
                mqttTlsKeyStore != null ? mqttTlsKeyStore : pathOrNull(file.getProperty("mqtt-tls-keystore")));
        String keyStorePassword =
                mqttTlsKeyStorePassword != null ? mqttTlsKeyStorePassword : environment.get(TLS_KEYSTORE_PASSWORD_ENV);
        builder.mqttTlsKeyStorePassword(pick(keyStorePassword, file, "mqtt-tls-keystore-password", s -> s, ""));
        builder.mqttPlainEnabled(pick(mqttPlain, file, "mqtt-plain", Main::parseBoolean, true));
    }

    /**
     * Returns the limits of the broker extension from the keys that start with {@value #SECURITY_PREFIX}, such as
     * {@code security.login.max-failures-per-client-id}; the key after the prefix is one of
     * {@code conf/security.properties} of the standalone extension.
     */
    private static SecuritySettings brokerSecurity(Properties file) {
        Properties security = new Properties();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(SECURITY_PREFIX)) {
                security.setProperty(key.substring(SECURITY_PREFIX.length()), file.getProperty(key));
            }
        }
        try {
            return SecuritySettings.fromProperties(security);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker limits (" + SECURITY_PREFIX + "*): " + e.getMessage(), e);
        }
    }

    private static @Nullable Path pathOrNull(@Nullable String value) {
        String path = blankToNull(value);
        return path == null ? null : Path.of(path);
    }

    private static boolean parseBoolean(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** Applies the tunables that only the properties file sets; absent keys keep their defaults. */
    private static void applyFileOnlySettings(Properties file, TrackerSettings.Builder builder) {
        TrackerSettings defaults = TrackerSettings.builder().build();
        builder.batchMaxSize(pick(null, file, "batch-max-size", Integer::parseInt, defaults.batchMaxSize()));
        builder.batchMaxDelayMs(pick(null, file, "batch-max-delay-ms", Long::parseLong, defaults.batchMaxDelayMs()));
        builder.batchLingerMs(pick(null, file, "batch-linger-ms", Long::parseLong, defaults.batchLingerMs()));
        builder.sessionExpirySeconds(
                pick(null, file, "session-expiry-seconds", Long::parseLong, defaults.sessionExpirySeconds()));
        builder.dbRetryDelayMs(pick(null, file, "db-retry-delay-ms", Long::parseLong, defaults.dbRetryDelayMs()));
        builder.dbRetryMaxDelayMs(
                pick(null, file, "db-retry-max-delay-ms", Long::parseLong, defaults.dbRetryMaxDelayMs()));
    }

    private Properties loadConfig() {
        Path path = configFile != null ? configFile : DEFAULT_CONFIG;
        Properties properties = new Properties();
        if (configFile == null && !Files.exists(path)) {
            return properties;
        }
        try (InputStream in = Files.newInputStream(path)) {
            properties.load(in);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(
                    commandSpec().commandLine(), "Cannot read the config file " + path + ": " + e);
        }
        return properties;
    }

    private static <T> T pick(@Nullable T option, Properties file, String key, ValueParser<T> parser, T defaultValue) {
        if (option != null) {
            return option;
        }
        String raw = blankToNull(file.getProperty(key));
        if (raw == null) {
            return defaultValue;
        }
        try {
            return parser.parse(raw.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    key + " '" + raw + "' in the config file is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a token lifetime such as {@code 900s}, {@code 15m}, {@code 2h} or ISO-8601 {@code PT15M}.
     *
     * @throws IllegalArgumentException when the text has no unit, is not whole seconds, or is not a duration
     */
    static long parseLifetimeSeconds(String text) {
        Matcher matcher = LIFETIME.matcher(text.strip());
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                duration = Duration.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "token lifetime '" + text + "' is not a duration such as 900s, 15m, 2h or PT15M");
            }
        }
        if (duration.getNano() != 0) {
            throw new IllegalArgumentException("token lifetime '" + text + "' is not a whole number of seconds");
        }
        return duration.getSeconds();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private CommandLine.Model.CommandSpec commandSpec() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec;
    }

    private void stop(Tracker tracker) {
        try {
            tracker.close();
        } finally {
            stopped.countDown();
        }
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parses one value of the properties file. */
    @FunctionalInterface
    private interface ValueParser<T> {
        T parse(String raw);
    }
}
