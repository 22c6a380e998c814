package org.fleettracker.simulator.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.fleettracker.protocol.api.Json;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The {@code bench} command: runs the fixed benchmark scenario against a fresh local system and prints the report as
 * text, optionally also as JSON.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        version = "bench 0.1.0",
        description = {
            "Measures the fleet tracker on this machine with a fixed scenario: the broker alone at the maximum rate"
                    + " (transport), the tracker at the maximum rate (pipeline), then the tracker at a fixed rate"
                    + " (latency). Each phase starts with a warm-up that is not measured.",
            "The options only shorten the scenario, for a smoke test."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every acknowledged fix was stored",
            "1:a fix was lost, or the benchmark failed, such as when the tracker or the transport broker exited",
            "2:an option is invalid",
            "3:the run finished and printed its report, but the JSON file could not be written"
        })
public final class BenchMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(BenchMain.class);

    /**
     * Vehicles of the scenario. With the broker's default limit of 50 msg/s per vehicle, they may publish 15,000
     * msg/s together, above the 10,000 msg/s target. The report counts QUOTA_EXCEEDED retries to show whether the
     * limit bound.
     */
    static final int DEFAULT_VEHICLES = 300;

    static final int DEFAULT_WARMUP_SECONDS = 10;

    static final int DEFAULT_MAX_WARMUP_SECONDS = 180;

    static final int DEFAULT_TRANSPORT_SECONDS = 30;

    static final int DEFAULT_PIPELINE_SECONDS = 60;

    static final int DEFAULT_LATENCY_SECONDS = 60;

    /** Publish rate of the latency phase in msg/s, the rate of the publish-to-commit target. */
    static final int DEFAULT_LATENCY_RATE = 2_000;

    @Spec
    @Nullable
    CommandSpec spec;

    @Option(
            names = "--tracker-classpath",
            required = true,
            description = "Class path of the tracker JVM, such as tracker-service/target/tracker-service.jar.")
    String trackerClasspath = "";

    @Option(
            names = "--tracker-config",
            description = "The tracker's properties file (batch sizes, ingest and fleet rules, security.* limits);"
                    + " default: the tracker's built-in defaults.")
    @Nullable
    Path trackerConfig;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    @Nullable
    Path jsonFile;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "New or empty folder for the users file, the tracker's database and the logs, kept after"
                    + " the run"
                    + " (default: a new temp folder, deleted after a run that lost no fix; kept when the run failed,"
                    + " was interrupted or lost a fix, or with --keep-work-dir).")
    @Nullable
    Path workDir;

    @Option(
            names = "--keep-work-dir",
            description = "Keep the temp work folder with its logs and database after a run that lost no fix too.")
    boolean keepWorkDir;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC-URL",
            description = "PostgreSQL database for the tracker, such as jdbc:postgresql://127.0.0.1:5432/fleet. The run"
                    + " creates a schema of its own there and drops it at the end. The password comes from the"
                    + " environment variable " + BenchDatabase.PASSWORD_ENV + " (default: the tracker's H2 file in"
                    + " the work folder).")
    @Nullable
    String dbUrl;

    @Option(
            names = "--db-user",
            paramLabel = "USER",
            description = "User of the --db-url database (default: the URL's user property).")
    @Nullable
    String dbUser;

    @Option(
            names = "--trackers",
            description = "Tracker processes in the pipeline and latency phases, sharing the telemetry through the"
                    + " shared subscription $share/trackers; more than one needs --db-url and implies"
                    + " --separate-broker (default: ${DEFAULT-VALUE}).")
    int trackers = 1;

    @Option(
            names = "--separate-broker",
            description = "Run the tracker phases' broker (HiveMQ CE with the security extension) in a process of its"
                    + " own, which the trackers join as MQTT clients, instead of the tracker's embedded broker.")
    boolean separateBroker;

    @Option(names = "--vehicles", description = "Simulated vehicles (default: ${DEFAULT-VALUE}).")
    int vehicles = DEFAULT_VEHICLES;

    @Option(
            names = "--warmup-seconds",
            description = "Shortest unmeasured warm-up at the start of each phase, in seconds (default:"
                    + " ${DEFAULT-VALUE}). The warm-up then goes on until the measured JVMs' JIT compilers used less"
                    + " than 0.1 cores over 5 s, up to --max-warmup-seconds.")
    int warmupSeconds = DEFAULT_WARMUP_SECONDS;

    @Option(
            names = "--max-warmup-seconds",
            description = "Longest warm-up of each phase in seconds, even if the JIT compilers are still busy; at"
                    + " most --warmup-seconds makes every warm-up last --warmup-seconds (default: ${DEFAULT-VALUE}).")
    int maxWarmupSeconds = DEFAULT_MAX_WARMUP_SECONDS;

    @Option(
            names = "--transport-seconds",
            description = "Measured length of the transport phase in seconds (default: ${DEFAULT-VALUE}).")
    int transportSeconds = DEFAULT_TRANSPORT_SECONDS;

    @Option(
            names = "--pipeline-seconds",
            description = "Measured length of the pipeline phase in seconds (default: ${DEFAULT-VALUE}).")
    int pipelineSeconds = DEFAULT_PIPELINE_SECONDS;

    @Option(
            names = "--latency-seconds",
            description = "Measured length of the latency phase in seconds (default: ${DEFAULT-VALUE}).")
    int latencySeconds = DEFAULT_LATENCY_SECONDS;

    @Option(
            names = "--latency-rate",
            description = "Publish rate of the latency phase in msg/s (default: ${DEFAULT-VALUE}).")
    int latencyRate = DEFAULT_LATENCY_RATE;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    /** Exit status when the report was printed but its JSON file could not be written. */
    static final int JSON_NOT_WRITTEN = 3;

    @Override
    public Integer call() throws Exception {
        BenchSettings settings;
        try {
            settings = new BenchSettings(
                    trackerClasspath,
                    trackerConfig,
                    vehicles,
                    Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(maxWarmupSeconds),
                    Duration.ofSeconds(transportSeconds),
                    Duration.ofSeconds(pipelineSeconds),
                    Duration.ofSeconds(latencySeconds),
                    latencyRate,
                    workDir,
                    dbUrl,
                    dbUser,
                    System.getenv().getOrDefault(BenchDatabase.PASSWORD_ENV, ""),
                    trackers,
                    separateBroker || trackers > 1);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandSpec().commandLine(), e.getMessage(), e);
        }
        requireWritableJsonFile();
        requireNewWorkDir();
        log.info("Starting the benchmark: {} vehicles", settings.vehicles());
        BenchProgress progress = new BenchProgress();
        Thread notice = new Thread(() -> reportInterrupt(progress), "bench-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(notice);
        BenchReport report;
        try {
            report = new BenchRun(settings, progress).run();
        } catch (ChildExitedException e) {
            if (!progress.interrupted()) {
                log.error("The benchmark failed: {}; its work folder {} is kept", e.getMessage(), progress.workDir());
            }
            // After SIGTERM or Ctrl-C the children stop too, and the JVM exits with 143 or 130 whatever this returns.
            return 1;
        } catch (SQLException e) {
            log.error(
                    "The benchmark failed: the database {} cannot be used: {}; its work folder {} is kept",
                    BenchDatabase.mask(Objects.requireNonNullElse(dbUrl, "")),
                    e.getMessage(),
                    progress.workDir());
            log.debug("Database failure", e);
            return 1;
        } finally {
            progress.finish();
            removeShutdownHook(notice);
        }
        // The text goes out first, so a JSON file that cannot be written loses no figures.
        PrintWriter out = commandSpec().commandLine().getOut();
        out.print(report.toText());
        out.flush();
        finishWorkFolder(progress.workDir(), report.integrity().lost());
        if (jsonFile != null) {
            try {
                Files.write(jsonFile, json(report));
            } catch (IOException e) {
                commandSpec().commandLine().getErr().println("Cannot write the JSON report to " + jsonFile + ": " + e);
                return JSON_NOT_WRITTEN;
            }
        }
        return report.integrity().lost() == 0 ? 0 : 1;
    }

    /** Deletes the work folder of a run that finished, unless {@link WorkFolder#keepReason} keeps it. */
    private void finishWorkFolder(@Nullable Path folder, long lostFixes) {
        if (folder == null) {
            return;
        }
        String keepReason = WorkFolder.keepReason(workDir != null, keepWorkDir, lostFixes);
        if (keepReason != null) {
            log.info("Kept the work folder {}, because {}", folder, keepReason);
            return;
        }
        try {
            WorkFolder.delete(folder);
            log.info("Deleted the work folder {}; --keep-work-dir keeps it", folder);
        } catch (IOException e) {
            log.warn("Deleting the work folder {} failed, so delete it by hand: {}", folder, e.getMessage());
        }
    }

    private void reportInterrupt(BenchProgress progress) {
        progress.interrupt().ifPresent(line -> {
            PrintWriter err = commandSpec().commandLine().getErr();
            err.println(line);
            err.flush();
        });
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down, so the hook runs or ran and prints its line only if the run had not finished.
            log.debug("Shutdown in progress, so the interrupt notice stays registered: {}", e.getMessage());
        }
    }

    /**
     * Rejects a work folder that is a file or contains files already, because a run there would find the previous
     * run's database rows and ready files.
     */
    private void requireNewWorkDir() {
        if (workDir == null || !Files.exists(workDir)) {
            return;
        }
        if (!Files.isDirectory(workDir)) {
            throw new ParameterException(
                    commandSpec().commandLine(),
                    "--work-dir " + workDir + " is a file; name a folder that does not exist yet or is empty");
        }
        try (var entries = Files.list(workDir)) {
            if (entries.findAny().isPresent()) {
                throw new ParameterException(
                        commandSpec().commandLine(),
                        "--work-dir " + workDir + " is not empty, and a run in it would mix with the files of an"
                                + " earlier run; name a new or empty folder");
            }
        } catch (IOException e) {
            throw new ParameterException(
                    commandSpec().commandLine(),
                    "--work-dir " + workDir + " cannot be read: " + e.getMessage() + "; check its permissions");
        }
    }

    /** Checks before the run, which takes minutes, that the JSON file's folder exists and the file is not a folder. */
    private void requireWritableJsonFile() {
        if (jsonFile == null) {
            return;
        }
        Path folder = jsonFile.toAbsolutePath().getParent();
        if (Files.isDirectory(jsonFile)) {
            throw new ParameterException(
                    commandSpec().commandLine(), "--json " + jsonFile + " is a folder; name a file");
        }
        if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new ParameterException(
                    commandSpec().commandLine(),
                    "--json " + jsonFile + ": the folder " + folder + " does not exist or cannot be written");
        }
    }

    private CommandSpec commandSpec() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec;
    }

    private static byte[] json(BenchReport report) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Encoding the report as JSON failed: " + e.getMessage(), e);
        }
    }
}
