package org.fleettracker.simulator.api;

import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.fleettracker.simulator.internal.mqtt.LinkSettings;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Everything a simulator run needs; build one with {@link #builder()}. The constructor validates every value.
 *
 * <p>Generated mode (no {@code replayFile}) drives {@code vehicleCount} vehicles on a street grid around the
 * centre. Replay mode drives one vehicle along the points of a replay file: waits between fixes keep the file's
 * spacing divided by {@code speedup}, while fix times keep the file's spacing undivided. Fix times are shifted so
 * the last fix is at the run's start, or are the file's own times with {@code originalTimes}. Every shifted fix time
 * is then at or before the run's start, and so at or before the time it is sent, whatever the speedup. A tracker
 * whose clock agrees with the simulator's therefore never rejects a replayed fix as one from the future. A replay
 * runs through the file once and does not loop.
 *
 * @param brokerUrl Paho server URI such as {@code tcp://127.0.0.1:1883}
 * @param username MQTT user name of every vehicle. Each {@value #VEHICLE_ID_PLACEHOLDER} in it is replaced by the
 *     vehicle id, so that each vehicle logs in with an account of its own, as a Mosquitto ACL with {@code %u}
 *     patterns needs; not with gateway connections
 * @param password MQTT password of every vehicle; {@link #toString()} masks it
 * @param fleetId fleet in every topic
 * @param vehicleCount vehicles of generated mode
 * @param vehicleIdPrefix prefix of generated vehicle ids, followed by a zero-padded number from 1
 * @param centerLatitudeDeg centre of the generated street grid
 * @param centerLongitudeDeg centre of the generated street grid
 * @param radiusKm radius of the generated street grid
 * @param interval time between two fixes of a generated vehicle, and between GPX points without a time
 * @param seed seed of the street grid and of every vehicle's driving; the same seed gives the same routes
 * @param motion how generated vehicles move
 * @param gpsNoiseM root mean square horizontal GPS error added to the positions of generated vehicles, and the
 *     accuracy those fixes report; 0 for exact positions
 * @param stoppedInterval time between two fixes of a generated vehicle standing at a delivery or job stop, at least
 *     {@code interval}
 * @param reportJitterFraction random spread of each generated vehicle's wait between fixes, from 0 to 0.9
 * @param duration how long the run sends fixes, or null for ever (generated) or to the end of the file (replay)
 * @param replayFile file to replay (GPX, NMEA 0183, OwnTracks Recorder or CSV), or null for generated mode
 * @param replayFormat format of {@code replayFile}, or null to choose it by the file name's extension
 * @param replayVehicleId vehicle id of the replay, or null to derive it from the file name
 * @param originalTimes whether replayed fixes carry the file's own times instead of times that end at the start
 * @param speedup divisor of the waits between fixes. In generated mode the vehicles' clock runs this many times
 *     faster than the wall clock, so above 1 their fix times run ahead of it by the elapsed time times
 *     {@code speedup - 1}
 * @param bufferSize most fixes a vehicle keeps while they wait to be sent, not counting up to {@code maxInFlight}
 *     more that wait for their PUBACK; {@link BufferSettings#overflow()} chooses which is dropped beyond it
 * @param maxInFlight most unacknowledged QoS 1 telemetry publishes per vehicle, also capped by the broker
 * @param reconnectInitialDelay first reconnect delay; it doubles after each failed attempt
 * @param reconnectMaxDelay largest reconnect delay
 * @param reconnectJitterFraction random spread of each reconnect delay, from 0 to below 1
 * @param keepAlive MQTT keep-alive interval
 * @param connectTimeout how long one connect attempt may take
 * @param closeTimeout how long closing a vehicle waits for its offline presence and DISCONNECT, and how long a run
 *     with a duration waits after it for the broker to acknowledge pending fixes
 * @param trustStore certificates trusted for an {@code ssl://} broker URL (PKCS12, JKS or PEM), or null for the
 *     JVM's trust store; only valid with an {@code ssl://} or {@code wss://} URL
 * @param trustStorePassword password of a PKCS12 or JKS trust store, or null; {@link #toString()} hides it
 * @param commands whether each vehicle subscribes to its commands topic and sends command acks
 * @param maxConnectsInFlight connect attempts in progress at one time, over all vehicles; the others wait their turn
 * @param faults faults the run injects on purpose, {@link FaultSettings#NONE} for none
 * @param jobDwell how long a generated vehicle stays at each stop of a dispatch job, on the vehicles' clock
 * @param gatewayVehicles 0 for one connection per vehicle; otherwise the vehicles that each gateway connection carries
 *     in generated mode, with client ids {@code <username>-1}, {@code <username>-2} and so on
 * @param buffer where unacknowledged fixes are kept, {@link BufferSettings#MEMORY_ONLY} for memory only
 * @param gatewayIdPrefix start of the gateway connections' client ids, followed by {@code -1}, {@code -2} and so on;
 *     null for the user name. The broker accepts the user name or the user name followed by {@code -} and more
 * @param metrics the Prometheus endpoint, {@link MetricsSettings#OFF} for none
 */
public record SimulatorSettings(
        String brokerUrl,
        String username,
        String password,
        String fleetId,
        int vehicleCount,
        String vehicleIdPrefix,
        double centerLatitudeDeg,
        double centerLongitudeDeg,
        double radiusKm,
        Duration interval,
        long seed,
        Motion motion,
        double gpsNoiseM,
        Duration stoppedInterval,
        double reportJitterFraction,
        @Nullable Duration duration,
        @Nullable Path replayFile,
        @Nullable ReplayFormat replayFormat,
        @Nullable String replayVehicleId,
        boolean originalTimes,
        double speedup,
        int bufferSize,
        int maxInFlight,
        Duration reconnectInitialDelay,
        Duration reconnectMaxDelay,
        double reconnectJitterFraction,
        Duration keepAlive,
        Duration connectTimeout,
        Duration closeTimeout,
        @Nullable Path trustStore,
        @Nullable String trustStorePassword,
        boolean commands,
        int maxConnectsInFlight,
        FaultSettings faults,
        Duration jobDwell,
        int gatewayVehicles,
        BufferSettings buffer,
        @Nullable String gatewayIdPrefix,
        MetricsSettings metrics) {

    public static final String DEFAULT_BROKER_URL = "tcp://127.0.0.1:1883";
    public static final String DEFAULT_USERNAME = "demo-vehicles";
    public static final String DEFAULT_PASSWORD = "vehicle-demo";
    public static final String DEFAULT_FLEET_ID = "demo";
    public static final int DEFAULT_VEHICLE_COUNT = 25;
    public static final String DEFAULT_VEHICLE_ID_PREFIX = "sim-";

    /** Text in {@link #username()} that each vehicle replaces by its vehicle id. */
    public static final String VEHICLE_ID_PLACEHOLDER = LinkSettings.VEHICLE_ID_PLACEHOLDER;
    /** Ljubljana city centre. */
    public static final double DEFAULT_CENTER_LATITUDE_DEG = 46.0569;

    public static final double DEFAULT_CENTER_LONGITUDE_DEG = 14.5058;
    public static final double DEFAULT_RADIUS_KM = 3;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(1_000);
    public static final double DEFAULT_SPEEDUP = 1;
    public static final Motion DEFAULT_MOTION = Motion.GRID;
    /** A consumer receiver under open sky is off by a few metres; this is an estimate, not a measurement. */
    public static final double DEFAULT_GPS_NOISE_M = 4;
    /** Time after which a simulated GPS error has forgotten about 63 % of its value, in seconds (an estimate). */
    public static final double GPS_NOISE_CORRELATION_S = 30;

    public static final Duration DEFAULT_STOPPED_INTERVAL = Duration.ofSeconds(30);
    public static final double DEFAULT_REPORT_JITTER_FRACTION = 0.1;
    public static final int DEFAULT_BUFFER_SIZE = 10_000;
    /** HiveMQ CE 2025.5 announces a receive maximum of 10 in its CONNACK, which caps the window anyway. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 10;

    public static final Duration DEFAULT_RECONNECT_INITIAL_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(30);
    public static final double DEFAULT_RECONNECT_JITTER_FRACTION = 0.2;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough to load or unload a few parcels (a chosen value). */
    public static final Duration DEFAULT_JOB_DWELL = Duration.ofMinutes(2);

    /**
     * Connect attempts in progress at one time. One Paho 1.2.5 connect takes about 300 ms of wall time, so 50 in
     * progress connect roughly 160 vehicles per second on an idle machine (an estimate).
     */
    public static final int DEFAULT_MAX_CONNECTS_IN_FLIGHT = 50;

    // TODO: 5,000 own connections stay under 1.5 GB RSS only with ./fleet's serial GC and 512 MiB heap (G1: 1,568 MiB).
    /** Largest number of generated vehicles; each connected vehicle keeps 3 threads of the shared Paho pool busy. */
    public static final int MAX_VEHICLE_COUNT = 5_000;

    public SimulatorSettings {
        if (!brokerUrl.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException(
                    "broker URL '" + brokerUrl + "' is invalid: use tcp://HOST:PORT (or ssl, ws, wss)");
        }
        Ids.requireValid("fleet id", fleetId);
        requireRange("--vehicles", vehicleCount, 1, MAX_VEHICLE_COUNT);
        Ids.requireValid("vehicle id", vehicleIdPrefix + "0".repeat(digits(vehicleCount)));
        requireRange("--center latitude", centerLatitudeDeg, -85, 85);
        requireRange("--center longitude", centerLongitudeDeg, -180, 180);
        requireRange("--radius-km", radiusKm, 0.2, 50);
        requirePositive("interval", interval);
        requireRange("--gps-noise-m", gpsNoiseM, 0, 100);
        if (stoppedInterval.compareTo(interval) < 0) {
            throw new IllegalArgumentException("stopped interval " + stoppedInterval.toMillis()
                    + " ms is shorter than the interval of " + interval.toMillis() + " ms; give at least the interval");
        }
        requireRange("--report-jitter", reportJitterFraction, 0, 0.9);
        if (duration != null) {
            requirePositive("duration", duration);
            requireAtMost("duration", duration, MAX_DURATION);
        }
        if (replayFile != null && replayFormat == null) {
            // Fails at once, with the options that fix it, when the extension selects no format.
            ReplayFormat.ofFileName(replayFile);
        }
        if (replayVehicleId != null) {
            Ids.requireValid("replay vehicle id", replayVehicleId);
        }
        requireRange("--speedup", speedup, 0.001, 10_000);
        requireRange("--buffer-limit", bufferSize, 1, 10_000_000);
        requireRange("--max-in-flight", maxInFlight, 1, 65_535);
        requirePositive("reconnect initial delay", reconnectInitialDelay);
        if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw new IllegalArgumentException("reconnect max delay " + reconnectMaxDelay
                    + " is shorter than the initial delay " + reconnectInitialDelay);
        }
        requireRange("reconnect jitter fraction", reconnectJitterFraction, 0, 0.99);
        requirePositive("keep-alive", keepAlive);
        requirePositive("connect timeout", connectTimeout);
        requirePositive("close timeout", closeTimeout);
        requireRange("--max-connects-in-flight", maxConnectsInFlight, 1, MAX_VEHICLE_COUNT);
        if (jobDwell.isNegative()) {
            throw new IllegalArgumentException("job dwell must not be negative, got " + describe(jobDwell));
        }
        requireAtMost("job dwell", jobDwell, MAX_DURATION);
        requireRange("--gateway-vehicles", gatewayVehicles, 0, MAX_VEHICLE_COUNT);
        if (gatewayIdPrefix != null
                && !gatewayIdPrefix.equals(username)
                && !gatewayIdPrefix.startsWith(username + "-")) {
            throw new IllegalArgumentException("gateway id prefix '" + gatewayIdPrefix + "' must be the user name '"
                    + username + "' or start with '" + username + "-', because the broker accepts only such client ids"
                    + " from a gateway account");
        }
        if (gatewayVehicles > 0 && username.contains(VEHICLE_ID_PLACEHOLDER)) {
            throw new IllegalArgumentException("a gateway connection carries many vehicles, so its user name '"
                    + username + "' cannot contain " + VEHICLE_ID_PLACEHOLDER);
        }
        if (gatewayVehicles > 0 && replayFile != null) {
            throw new IllegalArgumentException("gateway mode applies to generated vehicles only, not to a replay");
        }
        if (trustStore != null && !NoDelaySocketFactory.isTlsUri(brokerUrl)) {
            throw new IllegalArgumentException(
                    "a trust store applies only to ssl:// and wss:// broker URLs, not to '" + brokerUrl + "'");
        }
    }

    /** Returns the client id of gateway connection {@code number}, counted from 1. */
    public String gatewayClientId(int number) {
        return (gatewayIdPrefix == null ? username : gatewayIdPrefix) + "-" + number;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns whether this run replays a file. */
    public boolean isReplay() {
        return replayFile != null;
    }

    /**
     * Returns the format of the replay file: {@code replayFormat} when set, else the one its extension selects.
     *
     * @throws IllegalStateException when this run replays no file
     */
    public ReplayFormat effectiveReplayFormat() {
        if (replayFile == null) {
            throw new IllegalStateException("a generated run has no replay format");
        }
        return replayFormat != null ? replayFormat : ReplayFormat.ofFileName(replayFile);
    }

    /** Returns the zero-padded id of generated vehicle {@code number}, counted from 1. */
    public String generatedVehicleId(int number) {
        return vehicleIdPrefix + String.format(Locale.ROOT, "%0" + digits(vehicleCount) + "d", number);
    }

    /**
     * Derives a vehicle id from a replay file name: the name without extension, with every character that an id
     * cannot contain replaced by '-', cut to {@link Ids#MAX_LENGTH}; {@code replay} when nothing is left.
     */
    public static String vehicleIdFromFileName(Path file) {
        Path fileName = file.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String id = base.replaceAll("[^A-Za-z0-9._-]", "-");
        if (id.length() > Ids.MAX_LENGTH) {
            id = id.substring(0, Ids.MAX_LENGTH);
        }
        return id.isEmpty() ? "replay" : id;
    }

    @Override
    public String toString() {
        return "SimulatorSettings[brokerUrl=" + brokerUrl + ", username=" + username + ", password=***, fleetId="
                + fleetId + ", vehicleCount=" + vehicleCount + ", replayFile=" + replayFile + ", replayFormat="
                + replayFormat + ", interval=" + interval
                + ", seed=" + seed + ", motion=" + motion + ", gpsNoiseM=" + gpsNoiseM + ", duration=" + duration
                + ", speedup=" + speedup + ", trustStore=" + trustStore + ", gatewayVehicles=" + gatewayVehicles
                + ", bufferSize=" + bufferSize + ", buffer=" + buffer + "]";
    }

    private static int digits(int count) {
        return Math.max(3, String.valueOf(count).length());
    }

    private static void requireRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " " + value + " is out of range [" + min + ", " + max + "]");
        }
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is out of range [" + min + ", " + max + "]");
        }
    }

    /**
     * Maximum run length, drop period and clock skew. Values far beyond it overflow the scheduler's nanosecond
     * arithmetic, and no simulated run needs more than a year.
     */
    static final Duration MAX_DURATION = Duration.ofDays(365);

    static void requireAtMost(String name, Duration value, Duration max) {
        if (value.abs().compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    name + " must be at most " + max.toDays() + " days, got " + describe(value));
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + describe(value));
        }
    }

    /**
     * Returns {@code value} for a message in the largest of the units ms, s, min and h that shows it exactly, such
     * as {@code -5 ms} or {@code 90 s}, in place of ISO-8601 text such as {@code PT-0.005S}.
     */
    static String describe(Duration value) {
        if (value.isZero()) {
            return "0 s";
        }
        if (value.getNano() != 0) {
            // Exact for any duration, where toMillis() overflows beyond about 292 million years.
            BigDecimal millis = BigDecimal.valueOf(value.getSeconds())
                    .scaleByPowerOfTen(3)
                    .add(BigDecimal.valueOf(value.getNano(), 6));
            return millis.stripTrailingZeros().toPlainString() + " ms";
        }
        long seconds = value.getSeconds();
        if (seconds % 60 != 0) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        return minutes % 60 != 0 ? minutes + " min" : minutes / 60 + " h";
    }

    /** Collects settings; every value starts at its {@code DEFAULT_} constant, the seed at a random value. */
    public static final class Builder {

        private String brokerUrl = DEFAULT_BROKER_URL;
        private String username = DEFAULT_USERNAME;
        private String password = DEFAULT_PASSWORD;
        private String fleetId = DEFAULT_FLEET_ID;
        private int vehicleCount = DEFAULT_VEHICLE_COUNT;
        private String vehicleIdPrefix = DEFAULT_VEHICLE_ID_PREFIX;
        private double centerLatitudeDeg = DEFAULT_CENTER_LATITUDE_DEG;
        private double centerLongitudeDeg = DEFAULT_CENTER_LONGITUDE_DEG;
        private double radiusKm = DEFAULT_RADIUS_KM;
        private Duration interval = DEFAULT_INTERVAL;
        private long seed = new SplittableRandom().nextLong();
        private Motion motion = DEFAULT_MOTION;
        private double gpsNoiseM = DEFAULT_GPS_NOISE_M;
        private Duration stoppedInterval = DEFAULT_STOPPED_INTERVAL;
        private double reportJitterFraction = DEFAULT_REPORT_JITTER_FRACTION;
        private @Nullable Duration duration;
        private @Nullable Path replayFile;
        private @Nullable ReplayFormat replayFormat;
        private @Nullable String replayVehicleId;
        private boolean originalTimes;
        private double speedup = DEFAULT_SPEEDUP;
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private Duration reconnectInitialDelay = DEFAULT_RECONNECT_INITIAL_DELAY;
        private Duration reconnectMaxDelay = DEFAULT_RECONNECT_MAX_DELAY;
        private double reconnectJitterFraction = DEFAULT_RECONNECT_JITTER_FRACTION;
        private Duration keepAlive = DEFAULT_KEEP_ALIVE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private @Nullable Path trustStore;
        private @Nullable String trustStorePassword;
        private boolean commands = true;
        private int maxConnectsInFlight = DEFAULT_MAX_CONNECTS_IN_FLIGHT;
        private FaultSettings faults = FaultSettings.NONE;
        private Duration jobDwell = DEFAULT_JOB_DWELL;
        private int gatewayVehicles;
        private @Nullable String gatewayIdPrefix;
        private BufferSettings buffer = BufferSettings.MEMORY_ONLY;
        private MetricsSettings metrics = MetricsSettings.OFF;

        private Builder() {}

        public Builder metrics(MetricsSettings value) {
            this.metrics = value;
            return this;
        }

        public Builder buffer(BufferSettings value) {
            this.buffer = value;
            return this;
        }

        /** Sets the vehicles per gateway connection; 0 (the default) gives each vehicle its own connection. */
        public Builder gatewayVehicles(int value) {
            this.gatewayVehicles = value;
            return this;
        }

        /** Sets the start of the gateway connections' client ids; null (the default) uses the user name. */
        public Builder gatewayIdPrefix(@Nullable String value) {
            this.gatewayIdPrefix = value;
            return this;
        }

        /** Sets how long a generated vehicle stays at each job stop, on the vehicles' clock; 0 drives on at once. */
        public Builder jobDwell(Duration value) {
            this.jobDwell = value;
            return this;
        }

        public Builder faults(FaultSettings value) {
            this.faults = value;
            return this;
        }

        public Builder maxConnectsInFlight(int value) {
            this.maxConnectsInFlight = value;
            return this;
        }

        /** Sets whether vehicles ack commands (default true); false saves a subscription per vehicle. */
        public Builder commands(boolean value) {
            this.commands = value;
            return this;
        }

        /** Sets the certificates trusted for an {@code ssl://} broker URL; null trusts the JVM's trust store. */
        public Builder trustStore(@Nullable Path file, @Nullable String password) {
            this.trustStore = file;
            this.trustStorePassword = password;
            return this;
        }

        public Builder brokerUrl(String value) {
            this.brokerUrl = value;
            return this;
        }

        public Builder username(String value) {
            this.username = value;
            return this;
        }

        public Builder password(String value) {
            this.password = value;
            return this;
        }

        public Builder fleetId(String value) {
            this.fleetId = value;
            return this;
        }

        public Builder vehicleCount(int value) {
            this.vehicleCount = value;
            return this;
        }

        public Builder vehicleIdPrefix(String value) {
            this.vehicleIdPrefix = value;
            return this;
        }

        public Builder center(double latitudeDeg, double longitudeDeg) {
            this.centerLatitudeDeg = latitudeDeg;
            this.centerLongitudeDeg = longitudeDeg;
            return this;
        }

        public Builder radiusKm(double value) {
            this.radiusKm = value;
            return this;
        }

        public Builder interval(Duration value) {
            this.interval = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder motion(Motion value) {
            this.motion = value;
            return this;
        }

        /** Sets the RMS GPS error of generated vehicles in metres; 0 sends exact positions. */
        public Builder gpsNoiseM(double value) {
            this.gpsNoiseM = value;
            return this;
        }

        public Builder stoppedInterval(Duration value) {
            this.stoppedInterval = value;
            return this;
        }

        public Builder reportJitterFraction(double value) {
            this.reportJitterFraction = value;
            return this;
        }

        /** Sets how long the run sends fixes; null runs for ever (generated) or to the end of the file (replay). */
        public Builder duration(@Nullable Duration value) {
            this.duration = value;
            return this;
        }

        /** Switches to replay mode with this file; null switches back to generated mode. */
        public Builder replayFile(@Nullable Path value) {
            this.replayFile = value;
            return this;
        }

        /** Sets the replay file's format; null chooses it by the file name's extension. */
        public Builder replayFormat(@Nullable ReplayFormat value) {
            this.replayFormat = value;
            return this;
        }

        public Builder replayVehicleId(@Nullable String value) {
            this.replayVehicleId = value;
            return this;
        }

        public Builder originalTimes(boolean value) {
            this.originalTimes = value;
            return this;
        }

        public Builder speedup(double value) {
            this.speedup = value;
            return this;
        }

        public Builder bufferSize(int value) {
            this.bufferSize = value;
            return this;
        }

        public Builder maxInFlight(int value) {
            this.maxInFlight = value;
            return this;
        }

        public Builder reconnectDelays(Duration initial, Duration max, double jitterFraction) {
            this.reconnectInitialDelay = initial;
            this.reconnectMaxDelay = max;
            this.reconnectJitterFraction = jitterFraction;
            return this;
        }

        public Builder keepAlive(Duration value) {
            this.keepAlive = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder closeTimeout(Duration value) {
            this.closeTimeout = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid value */
        public SimulatorSettings build() {
            return new SimulatorSettings(
                    brokerUrl,
                    username,
                    password,
                    fleetId,
                    vehicleCount,
                    vehicleIdPrefix,
                    centerLatitudeDeg,
                    centerLongitudeDeg,
                    radiusKm,
                    interval,
                    seed,
                    motion,
                    gpsNoiseM,
                    stoppedInterval,
                    reportJitterFraction,
                    duration,
                    replayFile,
                    replayFormat,
                    replayVehicleId,
                    originalTimes,
                    speedup,
                    bufferSize,
                    maxInFlight,
                    reconnectInitialDelay,
                    reconnectMaxDelay,
                    reconnectJitterFraction,
                    keepAlive,
                    connectTimeout,
                    closeTimeout,
                    trustStore,
                    trustStorePassword,
                    commands,
                    maxConnectsInFlight,
                    faults,
                    jobDwell,
                    gatewayVehicles,
                    buffer,
                    gatewayIdPrefix,
                    metrics);
        }
    }
}
