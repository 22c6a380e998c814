package org.fleettracker.simulator.api;

import org.fleettracker.simulator.internal.gpx.GpxTrack;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Command line of the device simulator. */
@Command(
        name = "device-simulator",
        mixinStandardHelpOptions = true,
        version = "device-simulator 0.1.0",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Drives simulated vehicles that publish MQTT 5 telemetry (QoS 1) and retained presence.",
            "Generated mode (default) drives --vehicles vehicles on a street grid around --center.",
            "Replay mode (--replay) drives one vehicle once along a GPX, NMEA 0183, OwnTracks Recorder or CSV"
                    + " track. Waits between fixes keep the track's spacing divided by --speedup. Fix times keep the"
                    + " spacing undivided and end at the run's start, so no fix time is later than the moment"
                    + " it is sent.",
            "Generated vehicles drive the stops of an assign-job command in order, stay --job-dwell at each, and"
                    + " then go back to their own driving; a replayed vehicle rejects jobs."
        },
        footerHeading = "%nMemory:%n",
        footer = {
            "./fleet simulate starts this JVM with -XX:+UseSerialGC -Xmx512m, which keeps 5,000 connected vehicles"
                    + " under 1.5 GB of resident memory. FLEET_SIMULATOR_JAVA_OPTS replaces these options: raise"
                    + " -Xmx when many vehicles buffer fixes for an unreachable broker."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:every fix was acknowledged",
            "1:the run completed, but not every fix was delivered: the broker rejected fixes or a vehicle's login,"
                    + " a full outbox dropped fixes, or fixes were not acknowledged within 5 s after --duration",
            "2:invalid options, an invalid replay file, or a --buffer-dir that is in use, is a regular file or"
                    + " holds a file of another format"
        })
public final class Main implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_INCOMPLETE = 1;
    static final int EXIT_USAGE = 2;

    /** Environment variable that sets the password of {@code --trust-store}. */
    static final String TRUST_STORE_PASSWORD_ENV = "FLEET_SIMULATOR_TRUST_STORE_PASSWORD";

    @Option(names = "--broker-url", paramLabel = "URL", description = "MQTT broker URI (default: ${DEFAULT-VALUE}).")
    String brokerUrl = SimulatorSettings.DEFAULT_BROKER_URL;

    @Option(
            names = "--username",
            paramLabel = "NAME",
            description = "MQTT user name of every vehicle; " + SimulatorSettings.VEHICLE_ID_PLACEHOLDER
                    + " in it becomes each vehicle's id, for one account per vehicle (default: ${DEFAULT-VALUE}).")
    String username = SimulatorSettings.DEFAULT_USERNAME;

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            defaultValue = "${env:FLEET_SIMULATOR_PASSWORD:-" + SimulatorSettings.DEFAULT_PASSWORD + "}",
            showDefaultValue = Visibility.NEVER,
            description = "MQTT password of every vehicle (default: env FLEET_SIMULATOR_PASSWORD, else the demo one).")
    String password = SimulatorSettings.DEFAULT_PASSWORD;

    @Option(
            names = "--trust-store",
            paramLabel = "FILE",
            description = "Certificates to trust for an ssl:// --broker-url: PKCS12, JKS or PEM (default: the JVM's"
                    + " trust store).")
    @Nullable
    Path trustStore;

    @Option(
            names = "--trust-store-password",
            paramLabel = "PASSWORD",
            defaultValue = "${env:" + TRUST_STORE_PASSWORD_ENV + "}",
            showDefaultValue = Visibility.NEVER,
            description = "Password of a PKCS12 or JKS --trust-store; prefer the environment variable "
                    + TRUST_STORE_PASSWORD_ENV + ", because options show in ps (default: none).")
    @Nullable
    String trustStorePassword;

    @Option(names = "--fleet", paramLabel = "ID", description = "Fleet id in every topic (default: ${DEFAULT-VALUE}).")
    String fleetId = SimulatorSettings.DEFAULT_FLEET_ID;

    @Option(names = "--vehicles", paramLabel = "N", description = "Generated vehicles (default: ${DEFAULT-VALUE}).")
    int vehicles = SimulatorSettings.DEFAULT_VEHICLE_COUNT;

    @Option(
            names = "--vehicle-prefix",
            paramLabel = "TEXT",
            description = "Prefix of generated vehicle ids, followed by a number (default: ${DEFAULT-VALUE}).")
    String vehiclePrefix = SimulatorSettings.DEFAULT_VEHICLE_ID_PREFIX;

    @Option(
            names = "--center",
            paramLabel = "LAT,LON",
            converter = CenterConverter.class,
            description = "Centre of the generated streets in degrees (default: Ljubljana, 46.0569,14.5058).")
    Center center =
            new Center(SimulatorSettings.DEFAULT_CENTER_LATITUDE_DEG, SimulatorSettings.DEFAULT_CENTER_LONGITUDE_DEG);

    @Option(
            names = "--radius-km",
            paramLabel = "KM",
            description = "Radius of the generated streets (default: " + "${DEFAULT-VALUE}).")
    double radiusKm = SimulatorSettings.DEFAULT_RADIUS_KM;

    @Option(
            names = "--interval-ms",
            paramLabel = "MS",
            description =
                    "Milliseconds between fixes of a generated vehicle, and between replayed points without a time "
                            + "(default: ${DEFAULT-VALUE}).")
    long intervalMs = SimulatorSettings.DEFAULT_INTERVAL.toMillis();

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the streets and driving; the same seed gives the same routes "
                    + "(default: random, printed at start).")
    @Nullable
    Long seed;

    @Option(
            names = "--motion",
            paramLabel = "MODE",
            description = "How generated vehicles move: grid (random walk) or delivery (rounds between depots and"
                    + " customers with stops) (default: ${DEFAULT-VALUE}).")
    Motion motion = SimulatorSettings.DEFAULT_MOTION;

    @Option(
            names = "--gps-noise-m",
            paramLabel = "M",
            description = "RMS GPS position error of generated vehicles in metres, also their reported accuracy; 0 for"
                    + " exact positions (default: ${DEFAULT-VALUE}).")
    double gpsNoiseM = SimulatorSettings.DEFAULT_GPS_NOISE_M;

    @Option(
            names = "--stopped-interval-ms",
            paramLabel = "MS",
            description = "Milliseconds between fixes of a generated vehicle standing at a delivery or job"
                    + " stop; --interval-ms applies while it moves (default: ${DEFAULT-VALUE}).")
    long stoppedIntervalMs = SimulatorSettings.DEFAULT_STOPPED_INTERVAL.toMillis();

    @Option(
            names = "--report-jitter",
            paramLabel = "FRACTION",
            description = "Random spread of a generated vehicle's wait between fixes, from 0 to 0.9 of the wait"
                    + " (default: ${DEFAULT-VALUE}).")
    double reportJitter = SimulatorSettings.DEFAULT_REPORT_JITTER_FRACTION;

    @Option(
            names = "--duration",
            paramLabel = "SECONDS",
            description = "Stop sending after this many seconds (default: run until Ctrl-C, or a replay's end).")
    @Nullable
    Long durationS;

    @Option(
            names = "--replay",
            paramLabel = "FILE",
            description = "File to replay as one vehicle; its extension selects the format: .gpx, .nmea/.txt/.log"
                    + " (NMEA 0183), .rec (OwnTracks Recorder) or .csv.")
    @Nullable
    Path replayFile;

    @Option(
            names = "--replay-format",
            paramLabel = "FORMAT",
            description = "Format of the --replay file, one of ${COMPLETION-CANDIDATES} (default: by extension).")
    @Nullable
    ReplayFormat replayFormat;

    @Option(
            names = "--vehicle-id",
            paramLabel = "ID",
            description = "Vehicle id of the replay (default: the file name without extension, made a valid id).")
    @Nullable
    String replayVehicleId;

    @Option(
            names = "--original-times",
            description = "Send the replay file's own times instead of times shifted to end at the run's start.")
    boolean originalTimes;

    @Option(
            names = "--speedup",
            paramLabel = "X",
            description = "Divide the waits between fixes by X. Replayed fix times keep the track's spacing."
                    + " Generated vehicles' clocks run X times faster, so their fix times run ahead of the wall clock;"
                    + " a tracker rejects fix times more than ingest.max-fix-time-ahead (5 min) ahead"
                    + " (default: ${DEFAULT-VALUE}).")
    double speedup = SimulatorSettings.DEFAULT_SPEEDUP;

    @Option(
            names = "--fit-duration",
            paramLabel = "SECONDS",
            description = "Raise --speedup so that the replay's last fix is sent within SECONDS.")
    @Nullable
    Long fitDurationS;

    @Option(
            names = {"--buffer-limit", "--buffer-size"},
            paramLabel = "N",
            description = "Fixes a vehicle keeps while they wait to be sent, in memory and in --buffer-dir; up to"
                    + " --max-in-flight more wait for their PUBACK. --buffer-overflow chooses which fix is dropped"
                    + " beyond it (default: ${DEFAULT-VALUE}).")
    int bufferSize = SimulatorSettings.DEFAULT_BUFFER_SIZE;

    @Option(
            names = "--buffer-overflow",
            paramLabel = "POLICY",
            converter = BufferOverflowConverter.class,
            description = "Which fix a vehicle with a full buffer drops: drop-oldest keeps the freshest positions,"
                    + " drop-newest keeps the start of the outage; every drop is counted (default: drop-oldest).")
    BufferOverflow bufferOverflow = BufferSettings.DEFAULT_OVERFLOW;

    @Option(
            names = "--buffer-dir",
            paramLabel = "DIR",
            description = "Keep unacknowledged fixes in this folder, so a run started later with the same folder"
                    + " sends them first with their own seq; one simulator at a time may use it (default: memory"
                    + " only, lost when the simulator stops). When a write fails, as on a full disk, new fixes are"
                    + " kept in memory only and counted as 'not written'.")
    @Nullable
    Path bufferDir;

    @Option(
            names = "--buffer-sync-ms",
            paramLabel = "MS",
            description = "Maximum milliseconds between two fsync calls on --buffer-dir. A power loss can lose the"
                    + " fixes of the last MS, a killed simulator only those not yet written (default: 200).")
    long bufferSyncMs = BufferSettings.DEFAULT_SYNC_INTERVAL.toMillis();

    @Option(
            names = "--max-in-flight",
            paramLabel = "N",
            description = "Unacknowledged QoS 1 publishes per vehicle, also capped by the broker's receive maximum "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxInFlight = SimulatorSettings.DEFAULT_MAX_IN_FLIGHT;

    @Option(
            names = "--max-connects-in-flight",
            paramLabel = "N",
            description = "Vehicles that may be connecting at the same time; the others wait their turn "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxConnectsInFlight = SimulatorSettings.DEFAULT_MAX_CONNECTS_IN_FLIGHT;

    @Option(
            names = "--gateway-vehicles",
            paramLabel = "N",
            description = "Put up to N generated vehicles on each MQTT connection, as a telematics gateway does;"
                    + " needs an account of role gateway, and the connections use client ids USER-1, USER-2 (see"
                    + " --gateway-id-prefix) and so on (default: 0, one connection per vehicle).")
    int gatewayVehicles;

    @Option(
            names = "--gateway-id-prefix",
            paramLabel = "TEXT",
            description = "Start of the gateway connections' client ids, followed by -1, -2 and so on: the user name,"
                    + " or the user name, '-' and more, such as gw-demo-host2, so that two simulator processes on one"
                    + " gateway account do not take over each other's connections (default: the user name).")
    @Nullable
    String gatewayIdPrefix;

    @Option(
            names = "--no-commands",
            description =
                    "Do not subscribe to the vehicles' commands topics or send command acks (default: send them).")
    boolean noCommands;

    @Option(
            names = "--job-dwell",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long a generated vehicle stays at each stop of a job, on the vehicles' clock, such as"
                    + " 90s or 2m (default: 2m).")
    Duration jobDwell = SimulatorSettings.DEFAULT_JOB_DWELL;

    @Option(
            names = "--drop-connection-every",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Close the connection of one random connected vehicle this often, without an MQTT"
                    + " DISCONNECT; it reconnects and resends its unacknowledged fixes. Only drops of a live"
                    + " connection are counted. DURATION is at least 1s, like 1500ms, 30s, 5m or PT1M"
                    + " (default: never).")
    @Nullable
    Duration dropConnectionEvery;

    @Option(
            names = "--duplicate-ratio",
            paramLabel = "R",
            description = "Fraction of fixes, from 0 to 1, published twice with the same seq (default: 0).")
    double duplicateRatio;

    @Option(
            names = "--out-of-order-ratio",
            paramLabel = "R",
            description = "Fraction of fixes, from 0 to 1, published after the vehicle's next fix (default: 0).")
    double outOfOrderRatio;

    @Option(
            names = "--malformed-ratio",
            paramLabel = "R",
            description = "Fraction of fixes, from 0 to 1, replaced by broken JSON or by a fix with an invalid field,"
                    + " which the tracker rejects (default: 0).")
    double malformedRatio;

    @Option(
            names = "--clock-skew",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Shift the fix times of the skewed vehicles by DURATION, such as -2m or 30s (default: none).")
    @Nullable
    Duration clockSkew;

    @Option(
            names = "--clock-skew-ratio",
            paramLabel = "R",
            description = "Probability, from 0 to 1, that each vehicle's clock is skewed, drawn once per vehicle from"
                    + " --seed. It is not an exact fraction: 0.5 of 10 vehicles may skew 3 or 7 of them; name the"
                    + " vehicles with --clock-skew-vehicles for an exact set. Needs --clock-skew (default: 1, every"
                    + " vehicle).")
    @Nullable
    Double clockSkewRatio;

    @Option(
            names = "--clock-skew-vehicles",
            paramLabel = "ID",
            split = ",",
            description = "Vehicle ids whose clock is skewed, instead of --clock-skew-ratio; each must be a vehicle"
                    + " of the run. Needs --clock-skew (default: none).")
    List<String> clockSkewVehicles = List.of();

    @Option(
            names = "--metrics-port",
            paramLabel = "N",
            description = "Serve Prometheus metrics at http://ADDRESS:N/metrics, ADDRESS from --metrics-bind-address;"
                    + " 0 picks a free port, which the log names (default: no metrics endpoint).")
    @Nullable
    Integer metricsPort;

    @Option(
            names = "--metrics-bind-address",
            paramLabel = "ADDRESS",
            description = "Address of the --metrics-port endpoint; the endpoint has no authentication"
                    + " (default: ${DEFAULT-VALUE}).")
    String metricsBindAddress = MetricsSettings.DEFAULT_BIND_ADDRESS;

    @Option(
            names = "--progress-seconds",
            paramLabel = "SECONDS",
            description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
    long progressS = 5;

    private final ConsoleOutput console;

    Main(ConsoleOutput console) {
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(run(new ConsoleOutput(), args));
    }

    /** Runs the command line and returns its exit code; used by {@link #main} and by tests. */
    static int run(ConsoleOutput console, String... args) {
        return new CommandLine(new Main(console))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }

    @Override
    public Integer call() {
        SimulatorSettings settings;
        Simulator simulator;
        try {
            simulator = startSimulator();
            settings = simulator.settings();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            console.error(e.getMessage());
            return EXIT_USAGE;
        }
        console.started(settings, simulator.vehicleIds().size());
        console.skippedLines(settings, simulator.skippedLinesByReason());
        console.bufferRestored(simulator.bufferRestore());
        Thread closer = new Thread(() -> stop(simulator), "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(closer);
        boolean complete = false;
        while (!complete) {
            complete = simulator.awaitCompletion(Duration.ofSeconds(Math.max(1, progressS)));
            if (!complete) {
                console.progress(simulator.summary());
            }
        }
        SimulatorSummary summary = simulator.summary();
        List<RejectedVehicle> rejectedVehicles = simulator.rejectedVehicles();
        simulator.close();
        Runtime.getRuntime().removeShutdownHook(closer);
        console.finished(summary, true);
        reportUndelivered(settings, summary, rejectedVehicles);
        return summary.allDelivered() ? EXIT_OK : EXIT_INCOMPLETE;
    }

    private void reportUndelivered(
            SimulatorSettings settings, SimulatorSummary summary, List<RejectedVehicle> rejectedVehicles) {
        if (!rejectedVehicles.isEmpty()) {
            RejectedVehicle first = rejectedVehicles.get(0);
            String others =
                    rejectedVehicles.size() == 1 ? "" : " and " + (rejectedVehicles.size() - 1) + " more vehicles";
            console.error("the broker at " + first.brokerUrl() + " rejected the login of vehicle " + first.vehicleId()
                    + others + ": " + first.reason() + " (reason code " + first.reasonCodeHex() + "); "
                    + nextStep(first.reasonCode()));
        }
        if (summary.bufferedNow() > 0) {
            console.error(summary.bufferedNow() + " fixes were not acknowledged within "
                    + settings.closeTimeout().toMillis() + " ms after --duration ended; check that the broker at "
                    + settings.brokerUrl() + " is running and reachable" + keptOnDisk(settings, summary));
        }
    }

    /** Returns where the unacknowledged fixes stay, with the real count on disk and the count lost at exit. */
    static String keptOnDisk(SimulatorSettings settings, SimulatorSummary summary) {
        Path bufferDirectory = settings.buffer().directory();
        if (bufferDirectory == null) {
            return "";
        }
        String kept = "; " + summary.bufferedOnDisk() + " fixes are stored in " + bufferDirectory
                + " and the next run with --buffer-dir " + bufferDirectory + " sends them first";
        if (summary.notWrittenToDisk() == 0) {
            return kept;
        }
        return kept + "; " + summary.notWrittenToDisk() + " fixes could not be written to " + bufferDirectory
                + " (is the disk full?) and are lost when this process exits";
    }

    /** Returns what the user can do about a CONNACK reason code that {@link RejectedVehicle} lists. */
    private static String nextStep(int reasonCode) {
        return switch (reasonCode) {
            case 0x84 -> "the broker does not accept MQTT 5 clients";
            case 0x85 -> "the client id is the vehicle id; check --vehicle-prefix or --vehicle-id";
            case 0x86 -> "check --username and --password";
            case 0x87 ->
                "check that --username may connect vehicles of --fleet (Mosquitto also answers a wrong"
                        + " --password with this code)";
            case 0x8A -> "the broker banned this client; ask its operator";
            case 0x8C -> "the broker requires another authentication method than user name and password";
            default -> "check the broker's log";
        };
    }

    /** Stops the run on SIGTERM or Ctrl-C; the summary is read after the close, which waits for PUBACKs in flight. */
    private void stop(Simulator simulator) {
        simulator.close();
        console.finished(simulator.summary(), false);
    }

    /**
     * Reads the replay file once, fits the speedup to it for {@code --fit-duration}, and starts the run. The track
     * stays local to this method, so it can be collected once the run has planned its fixes.
     */
    private Simulator startSimulator() {
        SimulatorSettings.Builder builder = settingsBuilder();
        SimulatorSettings settings = builder.build();
        GpxTrack track = settings.isReplay() ? Simulator.readTrack(settings) : null;
        if (fitDurationS != null) {
            settings = fitToDuration(settings, builder, track);
        }
        return Simulator.start(settings, track);
    }

    private SimulatorSettings.Builder settingsBuilder() {
        if (progressS < 1) {
            throw new IllegalArgumentException("--progress-seconds must be at least 1, got " + progressS);
        }
        if (durationS != null && durationS < 1) {
            throw new IllegalArgumentException("--duration must be at least 1 second, got " + durationS);
        }
        if (intervalMs < 1) {
            throw new IllegalArgumentException("--interval-ms must be at least 1 ms, got " + intervalMs);
        }
        if (stoppedIntervalMs < 1) {
            throw new IllegalArgumentException("--stopped-interval-ms must be at least 1 ms, got " + stoppedIntervalMs);
        }
        requireDurationOptions();
        requireClockSkewOptions();
        if (bufferSyncMs < 1 || bufferSyncMs > 60_000) {
            throw new IllegalArgumentException("--buffer-sync-ms must be from 1 to 60000, got " + bufferSyncMs);
        }
        SimulatorSettings.Builder builder = SimulatorSettings.builder()
                .brokerUrl(brokerUrl)
                .username(username)
                .password(password)
                .fleetId(fleetId)
                .vehicleCount(vehicles)
                .vehicleIdPrefix(vehiclePrefix)
                .center(center.latitudeDeg(), center.longitudeDeg())
                .radiusKm(radiusKm)
                .interval(Duration.ofMillis(intervalMs))
                .motion(motion)
                .gpsNoiseM(gpsNoiseM)
                .stoppedInterval(Duration.ofMillis(stoppedIntervalMs))
                .reportJitterFraction(reportJitter)
                .duration(durationS == null ? null : Duration.ofSeconds(durationS))
                .replayFile(replayFile)
                .replayFormat(replayFormat)
                .replayVehicleId(replayVehicleId)
                .originalTimes(originalTimes)
                .speedup(speedup)
                .bufferSize(bufferSize)
                .maxInFlight(maxInFlight)
                .maxConnectsInFlight(maxConnectsInFlight)
                .commands(!noCommands)
                .jobDwell(jobDwell)
                .gatewayVehicles(gatewayVehicles)
                .gatewayIdPrefix(gatewayIdPrefix)
                .faults(new FaultSettings(
                        dropConnectionEvery,
                        duplicateRatio,
                        outOfOrderRatio,
                        malformedRatio,
                        clockSkew,
                        clockSkewRatio == null ? 1 : clockSkewRatio,
                        Set.copyOf(clockSkewVehicles)))
                .trustStore(trustStore, trustStorePassword)
                .buffer(new BufferSettings(bufferDir, bufferOverflow, Duration.ofMillis(bufferSyncMs)))
                .metrics(new MetricsSettings(metricsPort, metricsBindAddress));
        if (seed != null) {
            builder.seed(seed);
        }
        return builder;
    }

    /** Checks the DURATION options, so that their errors name the option and show the value as it was typed. */
    private void requireDurationOptions() {
        if (jobDwell.isNegative()) {
            throw new IllegalArgumentException(
                    "--job-dwell must be 0 or more, got " + SimulatorSettings.describe(jobDwell));
        }
        if (dropConnectionEvery != null && dropConnectionEvery.compareTo(FaultSettings.MIN_DROP_CONNECTION_EVERY) < 0) {
            throw new IllegalArgumentException("--drop-connection-every must be at least "
                    + SimulatorSettings.describe(FaultSettings.MIN_DROP_CONNECTION_EVERY) + ", got "
                    + SimulatorSettings.describe(dropConnectionEvery));
        }
        if (clockSkew != null && clockSkew.isZero()) {
            throw new IllegalArgumentException(
                    "--clock-skew 0 skews nothing; give a shift such as 30s or -2m, or leave the option out");
        }
    }

    /** Rejects the clock-skew options that would be ignored, because an ignored option gives the user no feedback. */
    private void requireClockSkewOptions() {
        if (clockSkew == null && (clockSkewRatio != null || !clockSkewVehicles.isEmpty())) {
            throw new IllegalArgumentException((clockSkewRatio != null ? "--clock-skew-ratio" : "--clock-skew-vehicles")
                    + " needs --clock-skew DURATION, the shift of the skewed vehicles' fix times");
        }
        if (clockSkewRatio != null && !clockSkewVehicles.isEmpty()) {
            throw new IllegalArgumentException("--clock-skew-ratio and --clock-skew-vehicles exclude each other:"
                    + " the ratio draws the skewed vehicles at random, the list names them");
        }
    }

    /** Raises the speedup so that the whole replay is sent within {@code --fit-duration}. */
    private SimulatorSettings fitToDuration(
            SimulatorSettings settings, SimulatorSettings.Builder builder, @Nullable GpxTrack track) {
        if (fitDurationS == null || fitDurationS < 1) {
            throw new IllegalArgumentException("--fit-duration must be at least 1 second, got " + fitDurationS);
        }
        if (track == null) {
            throw new IllegalArgumentException("--fit-duration needs --replay");
        }
        double lengthS = Simulator.replayLength(settings, track).toMillis() / 1000.0;
        double fitted = Math.max(settings.speedup(), lengthS / fitDurationS);
        return builder.speedup(fitted).build();
    }

    /** Parses a duration such as {@code 500ms}, {@code 30s}, {@code -2m}, {@code 1h} or ISO-8601 {@code PT1M}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

        private static final Pattern SHORT_FORM = Pattern.compile("(-?\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            String text = value.strip();
            Matcher matcher = SHORT_FORM.matcher(text);
            try {
                if (matcher.matches()) {
                    long amount = Long.parseLong(matcher.group(1));
                    return switch (matcher.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    };
                }
                return Duration.parse(text);
            } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration such as 500ms, 30s, -2m, 1h or PT1M");
            }
        }
    }

    /** Parses {@code drop-oldest} or {@code drop-newest}. */
    static final class BufferOverflowConverter implements CommandLine.ITypeConverter<BufferOverflow> {
        @Override
        public BufferOverflow convert(String value) {
            try {
                return BufferOverflow.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Centre of the generated streets. */
    record Center(double latitudeDeg, double longitudeDeg) {}

    /** Parses {@code LAT,LON} in degrees. */
    static final class CenterConverter implements CommandLine.ITypeConverter<Center> {
        @Override
        public Center convert(String value) {
            String[] parts = value.split(",", -1);
            try {
                if (parts.length == 2) {
                    return new Center(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
                }
            } catch (NumberFormatException e) {
                // Falls through to the common error below.
            }
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not LAT,LON in degrees, such as 46.0569,14.5058");
        }
    }
}
