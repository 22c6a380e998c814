package org.fleettracker.console.api;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.SavedSetting;
import org.fleettracker.console.internal.SettingsStore;
import org.fleettracker.console.internal.ui.ConsoleApp;
import org.fleettracker.console.internal.ui.ConsoleStartException;
import org.fleettracker.console.internal.ui.LaunchRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Command-line launcher of the dispatcher console. It does not extend {@code Application}: JavaFX refuses to
 * start such a main class from the class path.
 */
@Command(
        name = "dispatcher-ui",
        description =
                "Shows the vehicles of one or more fleets live on a map and in a table, from the tracker's retained"
                        + " state messages. Needs a display (use xvfb-run -a on a machine without one). Values saved in"
                        + " the Settings dialog (console.properties in --data-dir) apply unless their option is given.",
        sortOptions = false,
        sortSynopsis = false)
public final class Main implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /** Environment variable that sets the password of the account when {@code --password} is not given. */
    static final String PASSWORD_ENV = "FLEET_CONSOLE_PASSWORD";

    /** Environment variable that sets the password of {@code --trust-store}. */
    static final String TRUST_STORE_PASSWORD_ENV = "FLEET_CONSOLE_TRUST_STORE_PASSWORD";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--broker-url",
            paramLabel = "URI",
            defaultValue = ConsoleSettings.DEFAULT_BROKER_URI,
            description = "MQTT broker, tcp://host:port or ssl://host:port (default: ${DEFAULT-VALUE}).")
    private String brokerUrl = ConsoleSettings.DEFAULT_BROKER_URI;

    @Option(
            names = "--fleet",
            paramLabel = "ID[,ID...]",
            description = "Fleet whose vehicles are shown; repeat the option or separate ids with commas to show"
                    + " several fleets in one window (default: " + ConsoleSettings.DEFAULT_FLEET_ID + ").")
    private List<String> fleetIds = new ArrayList<>();

    @Option(
            names = "--username",
            paramLabel = "NAME",
            defaultValue = ConsoleSettings.DEFAULT_USERNAME,
            description = "MQTT user name (default: ${DEFAULT-VALUE}).")
    private String username = ConsoleSettings.DEFAULT_USERNAME;

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            description = "Password of the account, sent to the broker, or with --api-url to the tracker for a token"
                    + " (default: the environment variable " + PASSWORD_ENV + ", else the console asks in a login"
                    + " dialog). Prefer the variable or the dialog: other users can read command lines.")
    private @Nullable String password;

    @Option(
            names = "--api-url",
            paramLabel = "URL",
            description = "Tracker HTTP API, such as http://127.0.0.1:8080. When set, the console trades user name and"
                    + " password for a short-lived access token there, uses the token as its MQTT password, and"
                    + " renews it before it expires (default: none, the password goes to the broker).")
    private @Nullable URI apiUrl;

    @Option(
            names = "--trust-store",
            paramLabel = "FILE",
            description = "Certificates to trust for an ssl:// --broker-url: PKCS12, JKS or PEM (default: the JVM's"
                    + " trust store).")
    private @Nullable Path trustStore;

    @Option(
            names = "--trust-store-password",
            paramLabel = "PASSWORD",
            defaultValue = "${env:" + TRUST_STORE_PASSWORD_ENV + "}",
            description = "Password of a PKCS12 or JKS --trust-store (default: the environment variable "
                    + TRUST_STORE_PASSWORD_ENV + "). Prefer the variable: other users can read command lines.")
    private @Nullable String trustStorePassword;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Folder of the console's own files: the outbox of actions not yet confirmed by the tracker,"
                    + " the map tile cache and the saved settings, console.properties (default: .fleet-console in the"
                    + " home folder).")
    private @Nullable Path dataDir;

    @Option(
            names = "--session-expiry",
            paramLabel = "SECONDS",
            defaultValue = "3600",
            description = "How long the broker keeps the console's MQTT session after a disconnect, queueing the"
                    + " fleet's events for it; 0 ends the session at disconnect (default: ${DEFAULT-VALUE}).")
    private long sessionExpiryS = 3600;

    @Option(
            names = "--tile-url",
            paramLabel = "TEMPLATE",
            defaultValue = ConsoleSettings.DEFAULT_TILE_URL,
            description =
                    "XYZ template of the map's raster tiles, with {z}, {x} and {y}; 'none' (any case) draws a plain"
                            + " background with a grid (default: ${DEFAULT-VALUE}).")
    private String tileUrl = ConsoleSettings.DEFAULT_TILE_URL;

    @Option(
            names = "--theme",
            paramLabel = "THEME",
            defaultValue = "LIGHT",
            description = "Colours of the window: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Theme theme = Theme.LIGHT;

    @Option(
            names = "--width",
            paramLabel = "PX",
            defaultValue = "" + ConsoleConfig.DEFAULT_WIDTH_PX,
            description = "Window width in pixels (default: ${DEFAULT-VALUE}).")
    private int widthPx = ConsoleConfig.DEFAULT_WIDTH_PX;

    @Option(
            names = "--height",
            paramLabel = "PX",
            defaultValue = "" + ConsoleConfig.DEFAULT_HEIGHT_PX,
            description = "Window height in pixels (default: ${DEFAULT-VALUE}).")
    private int heightPx = ConsoleConfig.DEFAULT_HEIGHT_PX;

    @Option(
            names = "--screenshot",
            paramLabel = "FILE",
            description = "Write a PNG of the window to FILE after --screenshot-after seconds, then exit.")
    private @Nullable Path screenshotFile;

    @Option(
            names = "--screenshot-after",
            paramLabel = "SECONDS",
            defaultValue = "5",
            description = "Seconds between opening the window and taking the --screenshot (default: ${DEFAULT-VALUE}).")
    private double screenshotAfterS = 5;

    @Option(
            names = "--metrics-port",
            paramLabel = "N",
            description = "Serve Prometheus metrics at http://ADDRESS:N/metrics, ADDRESS from --metrics-bind-address;"
                    + " 0 picks a free port, which the log names (default: no metrics endpoint).")
    private @Nullable Integer metricsPort;

    @Option(
            names = "--metrics-bind-address",
            paramLabel = "ADDRESS",
            defaultValue = ConsoleMetrics.DEFAULT_BIND_ADDRESS,
            description = "Address of the --metrics-port endpoint; the endpoint has no authentication"
                    + " (default: ${DEFAULT-VALUE}).")
    private String metricsBindAddress = ConsoleMetrics.DEFAULT_BIND_ADDRESS;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    private boolean help;

    private final Function<String, @Nullable String> environment;

    public Main() {
        this(System::getenv);
    }

    /** Creates a launcher that reads environment variables through {@code environment}, for tests. */
    Main(Function<String, @Nullable String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Main()).execute(args));
    }

    /** Returns the command line of {@code main}; enum values such as the theme are accepted in any case. */
    static CommandLine commandLine(Main main) {
        return new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        LaunchRequest request = launchRequest();
        try {
            return ConsoleApp.run(request);
        } catch (RuntimeException e) {
            log.error("{}", startFailure(e), e);
            return 1;
        }
    }

    /** Returns the first error line for a failed start, with display advice only when the toolkit failed. */
    static String startFailure(RuntimeException e) {
        if (e instanceof ConsoleStartException) {
            return "Cannot start the console: " + e.getMessage();
        }
        return "Cannot start the JavaFX window: " + e.getMessage() + ". Set DISPLAY, or run under xvfb-run -a, and"
                + " install GTK 3 (apt-get install -y libgtk-3-0 xvfb).";
    }

    /**
     * Returns what the console starts with: the options given, then the saved settings, then the defaults.
     *
     * @throws ParameterException when an option is invalid
     */
    LaunchRequest launchRequest() {
        if (!(screenshotAfterS >= 0) || screenshotAfterS > 3600) {
            throw new ParameterException(
                    spec.commandLine(), "--screenshot-after must be 0 to 3600 seconds, got " + screenshotAfterS);
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
            throw new ParameterException(
                    spec.commandLine(), "--metrics-port must be from 0 to 65535, got " + metricsPort);
        }
        if (screenshotFile == null && matched("--screenshot-after")) {
            throw new ParameterException(spec.commandLine(), "--screenshot-after needs --screenshot FILE");
        }
        String givenPassword = password != null ? password : environment.apply(PASSWORD_ENV);
        boolean loginRequired = givenPassword == null || givenPassword.isEmpty();
        if (loginRequired && screenshotFile != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--screenshot needs --password or " + PASSWORD_ENV + ", because a login dialog would wait for"
                            + " input");
        }
        ConsoleSettings settings;
        try {
            settings = ConsoleSettings.of(
                            brokerUrl, ConsoleSettings.DEFAULT_FLEET_ID, username, loginRequired ? "" : givenPassword)
                    .withFleetIds(
                            fleetIds.isEmpty()
                                    ? List.of(ConsoleSettings.DEFAULT_FLEET_ID)
                                    : ConsoleSettings.parseFleetIds(String.join(",", fleetIds)))
                    .withWindowSize(widthPx, heightPx)
                    .withApiUrl(apiUrl)
                    .withSessionExpiry(Duration.ofSeconds(sessionExpiryS))
                    .withTileUrl(SavedSetting.NONE.equalsIgnoreCase(tileUrl) ? null : tileUrl)
                    .withTheme(theme);
            if (dataDir != null) {
                settings = settings.withDataDir(dataDir);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            settings = new SettingsStore(settings.dataDir()).applySaved(settings, optionsGiven());
            // The trust store comes last: it is valid only with an ssl:// broker, which may be a saved setting.
            settings = settings.withTrustStore(trustStore, trustStorePassword);
            // Loads the trust store now, so that a bad file or password exits with 2 before the window opens.
            settings.sslContext();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Duration delay = Duration.ofMillis(Math.round(screenshotAfterS * 1000));
        return new LaunchRequest(settings, loginRequired, screenshotFile, delay, metricsPort, metricsBindAddress);
    }

    /** Returns the saved settings whose option was given, which therefore win over the saved value. */
    private Set<SavedSetting> optionsGiven() {
        Set<SavedSetting> given = EnumSet.noneOf(SavedSetting.class);
        for (SavedSetting setting : SavedSetting.values()) {
            if (matched(setting.option())) {
                given.add(setting);
            }
        }
        return given;
    }

    private boolean matched(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
