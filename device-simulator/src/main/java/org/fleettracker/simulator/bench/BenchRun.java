package org.fleettracker.simulator.bench;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.protocol.api.TopicKind;
import org.fleettracker.protocol.api.Topics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs the benchmark's phases in order: the transport phase against a broker process of its own, then the pipeline
 * and latency phases against a fresh tracker process, then reads the stored times from the stopped tracker's
 * database.
 */
final class BenchRun {

    private static final Logger log = LoggerFactory.getLogger(BenchRun.class);

    /** How long a child process may take to accept connections. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** How long all vehicles may take to connect; each login checks a PBKDF2 hash. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(180);

    /** How long draining a phase's pending fixes waits for the next delivery before it gives up. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private static final String VEHICLE_PREFIX = "bench-";

    /** Seq of every vehicle's first fix in each system under test. */
    private static final long FIRST_SEQ = 1;

    private final BenchSettings settings;
    private final BenchProgress progress;
    private final List<String> notes = new ArrayList<>();
    private String databaseDescription = "H2 file";

    BenchRun(BenchSettings settings, BenchProgress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    BenchReport run() throws IOException, MqttException, SQLException {
        Instant startedAt = Instant.now();
        Path workDir = settings.workDir() != null
                ? Files.createDirectories(settings.workDir())
                : Files.createTempDirectory("fleet-bench-");
        progress.workDir(workDir);
        log.info("Benchmark folder: {}", workDir);
        BenchAccounts accounts = BenchAccounts.random();
        Path usersFile = workDir.resolve("users.yaml");
        accounts.writeUsersFile(usersFile);

        BenchReport.Transport transport;
        TrackerPhases tracker;
        try (BenchDatabase database = settings.dbUrl() == null
                ? BenchDatabase.h2(workDir.resolve("tracker"))
                : BenchDatabase.postgresql(settings.dbUrl(), settings.dbUser(), settings.dbPassword())) {
            transport = runTransport(workDir, usersFile, accounts);
            tracker = runTracker(workDir, usersFile, accounts, database);
        }
        double ratio = transport.receivedPerSecond() > 0
                ? tracker.pipeline().committedPerSecond() / transport.receivedPerSecond()
                : 0;
        notes.add(
                settings.separateBroker()
                        ? "CPU times of the tracker phases add up the broker process and every tracker process."
                        : "CPU times are those of the whole process: the tracker's includes its embedded HiveMQ"
                                + " broker.");
        return new BenchReport(
                startedAt,
                scenario(),
                transport,
                tracker.pipeline(),
                tracker.latency(),
                ratio,
                tracker.integrity(),
                List.copyOf(notes));
    }

    private BenchReport.Transport runTransport(Path workDir, Path usersFile, BenchAccounts accounts)
            throws IOException, MqttException {
        progress.enter("transport phase");
        int port = freePort();
        try (ChildProcess broker = startBroker(workDir, "transport-broker", port, usersFile)) {
            String url = "tcp://127.0.0.1:" + port;
            AtomicLong received = new AtomicLong();
            // The same account and shared subscription as the tracker, so the broker takes the same delivery path.
            try (BenchSubscriber counter = BenchSubscriber.start(
                            url,
                            BenchAccounts.TRACKER_USERNAME,
                            BenchAccounts.TRACKER_USERNAME,
                            accounts.trackerPassword(),
                            Topics.TRACKER_TELEMETRY_SUBSCRIPTION,
                            (topic, payload) -> received.incrementAndGet());
                    Publishers publishers = publishers(url, accounts)) {
                publishers.connect(CONNECT_TIMEOUT, broker);
                Feeder feeder = new Feeder(publishers, received::get, broker, List.of());
                log.info(
                        "Transport phase: maximum rate for {} s after a warm-up of {} s or more",
                        settings.transportDuration().toSeconds(),
                        settings.warmup().toSeconds());
                Feeder.Window window = feeder.runAtMaxRate(settings.phaseWarmup(), settings.transportDuration());
                feeder.drain(DRAIN_TIMEOUT);
                return PhaseAnalysis.transport(window);
            }
        }
    }

    private record TrackerPhases(
            BenchReport.Pipeline pipeline, BenchReport.Pipeline latency, BenchReport.Integrity integrity) {}

    private TrackerPhases runTracker(Path workDir, Path usersFile, BenchAccounts accounts, BenchDatabase database)
            throws IOException, MqttException, SQLException {
        progress.enter("tracker start");
        int mqttPort = freePort();
        String url = "tcp://127.0.0.1:" + mqttPort;
        Publishers publishers = publishers(url, accounts);
        try {
            databaseDescription = database.describe();
            long[] firstSeqs = new long[publishers.size()];
            Arrays.fill(firstSeqs, FIRST_SEQ);
            StateWatcher states = new StateWatcher(publishers.indexes(), firstSeqs);
            long[] latencyFrom;
            long[] end;
            Feeder.Window pipelineWindow;
            Feeder.Window latencyWindow;
            double duplicateRejects = 0;
            List<TrackerHttp> trackers = new ArrayList<>();
            try (Children children = new Children()) {
                if (settings.separateBroker()) {
                    children.add(startBroker(workDir, "tracker-broker", mqttPort, usersFile));
                }
                for (int i = 0; i < settings.trackers(); i++) {
                    TrackerHttp http = new TrackerHttp(freePort());
                    children.add(startTracker(workDir, i, usersFile, accounts, mqttPort, http, database));
                    trackers.add(http);
                }
                ProcessGroup measured = new ProcessGroup(children.processes());
                try (BenchSubscriber watcher = BenchSubscriber.start(
                        url,
                        BenchAccounts.OBSERVER_USERNAME,
                        BenchAccounts.OBSERVER_USERNAME,
                        accounts.observerPassword(),
                        Topics.vehicleFilter(BenchAccounts.FLEET_ID, TopicKind.STATE),
                        states::accept)) {
                    progress.enter("pipeline phase");
                    publishers.connect(CONNECT_TIMEOUT, measured);
                    Feeder feeder = new Feeder(publishers, states::committedFixes, measured, trackers);
                    log.info(
                            "Pipeline phase: maximum rate for {} s after a warm-up of {} s or more",
                            settings.pipelineDuration().toSeconds(),
                            settings.warmup().toSeconds());
                    pipelineWindow = feeder.runAtMaxRate(settings.phaseWarmup(), settings.pipelineDuration());
                    noteStalledDrain(feeder.drain(DRAIN_TIMEOUT), "pipeline");
                    latencyFrom = nextSeqs(publishers);
                    progress.enter("latency phase");
                    log.info(
                            "Latency phase: {} msg/s for {} s after a warm-up of {} s or more",
                            settings.latencyRatePerSecond(),
                            settings.latencyDuration().toSeconds(),
                            settings.warmup().toSeconds());
                    latencyWindow = feeder.runAtRate(
                            settings.latencyRatePerSecond(), settings.phaseWarmup(), settings.latencyDuration());
                    noteStalledDrain(feeder.drain(DRAIN_TIMEOUT), "latency");
                    end = nextSeqs(publishers);
                    for (TrackerHttp http : trackers) {
                        duplicateRejects += http.metric("tracker_positions_duplicates_total");
                    }
                    // Disconnect while the broker still runs, so the vehicles close cleanly.
                    publishers.close();
                }
            }
            progress.enter("read of the tracker's database");
            CommitReader.Rows rows = CommitReader.read(database, publishers.indexes(), publishers);
            if (rows.withoutStoredTime() > 0) {
                notes.add(rows.withoutStoredTime() + " rows had no stored time and were left out of the latencies.");
            }
            long[] pipelineFrom = firstSeqs;
            BenchReport.Pipeline pipeline =
                    PhaseAnalysis.pipeline(0, pipelineWindow, publishers, states, pipelineFrom, latencyFrom);
            BenchReport.Pipeline latency = PhaseAnalysis.pipeline(
                    settings.latencyRatePerSecond(), latencyWindow, publishers, states, latencyFrom, end);
            Publishers.Counters counters = publishers.counters();
            long published = Arrays.stream(end).map(seq -> seq - FIRST_SEQ).sum();
            BenchReport.Integrity integrity = new BenchReport.Integrity(
                    counters.acknowledged(),
                    rows.total(),
                    PhaseAnalysis.lost(publishers, end),
                    0,
                    Math.round(duplicateRejects),
                    Math.max(0, counters.published() - published),
                    rows.unknown());
            return new TrackerPhases(pipeline, latency, integrity);
        } finally {
            publishers.close();
        }
    }

    /** Child processes started in order and stopped in reverse order, so trackers stop before their broker. */
    private static final class Children implements AutoCloseable {

        private final List<ChildProcess> started = new ArrayList<>();

        void add(ChildProcess child) {
            started.add(child);
        }

        List<ChildProcess> processes() {
            return List.copyOf(started);
        }

        @Override
        public void close() {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    private void noteStalledDrain(boolean drained, String phase) {
        if (!drained) {
            notes.add("The tracker stopped committing before the " + phase + " phase's fixes were all committed, so"
                    + " 'lost' also counts fixes the broker still queued for it.");
        }
    }

    /**
     * Starts tracker {@code index} and waits until it is healthy. With a separate broker it joins the broker
     * on {@code mqttPort} as client {@code tracker-<index>}; otherwise its embedded broker listens there.
     */
    private ChildProcess startTracker(
            Path workDir,
            int index,
            Path usersFile,
            BenchAccounts accounts,
            int mqttPort,
            TrackerHttp http,
            BenchDatabase database)
            throws IOException {
        String name = settings.trackers() == 1 ? "tracker" : "tracker-" + index;
        List<String> arguments = new ArrayList<>(List.of(
                "-cp",
                absoluteClasspath(settings.trackerClasspath()),
                "org.fleettracker.tracker.api.Main",
                "--data-dir",
                workDir.resolve(name).toString(),
                "--http-port",
                Integer.toString(http.port()),
                "--bind-address",
                "127.0.0.1",
                "--users-file",
                usersFile.toString(),
                "--mqtt-username",
                BenchAccounts.TRACKER_USERNAME,
                // Missing files: the bench fleet has no OwnTracks devices and no geofences.
                "--owntracks-file",
                workDir.resolve("no-owntracks.yaml").toString(),
                "--geofences-file",
                workDir.resolve("no-geofences.geojson").toString()));
        if (settings.separateBroker()) {
            arguments.addAll(List.of("--broker-url", "tcp://127.0.0.1:" + mqttPort));
        } else {
            arguments.addAll(List.of("--mqtt-port", Integer.toString(mqttPort)));
        }
        Path config = trackerConfig(workDir, name);
        if (config != null) {
            arguments.add("--config");
            arguments.add(config.toAbsolutePath().toString());
        }
        arguments.addAll(database.trackerArguments());
        Map<String, String> environment = new HashMap<>(database.trackerEnvironment());
        environment.put("FLEET_TRACKER_MQTT_PASSWORD", accounts.trackerPassword());
        ChildProcess tracker =
                ChildProcess.startJava(name, arguments, environment, workDir, workDir.resolve(name + ".log"));
        try {
            Waits.until(
                    () -> http.healthy() || !tracker.isAlive(),
                    START_TIMEOUT,
                    () -> "The " + name + " did not become healthy within " + START_TIMEOUT.toSeconds() + " s; see "
                            + tracker.logFile());
            tracker.requireAlive();
        } catch (RuntimeException e) {
            tracker.close();
            throw e;
        }
        return tracker;
    }

    /**
     * Returns the properties file of tracker {@code name}: the user's, and with several trackers a copy of it that
     * gives each its own MQTT client id, because a second connection with the same client id takes the first over.
     */
    private @Nullable Path trackerConfig(Path workDir, String name) throws IOException {
        Path userConfig = settings.trackerConfig();
        if (settings.trackers() == 1) {
            return userConfig;
        }
        String base = userConfig == null ? "" : Files.readString(userConfig, StandardCharsets.ISO_8859_1) + "\n";
        Path config = workDir.resolve(name + ".properties");
        // java.util.Properties keeps the last value of a repeated key, so this line wins over the user's.
        Files.writeString(config, base + "mqtt-client-id=" + name + "\n", StandardCharsets.ISO_8859_1);
        return config;
    }

    /** Starts HiveMQ CE with the security extension in a child process and waits until it accepts connections. */
    private ChildProcess startBroker(Path workDir, String name, int port, Path usersFile) {
        Path readyFile = workDir.resolve(name + ".ready");
        List<String> arguments = new ArrayList<>(List.of(
                "-cp",
                absoluteClasspath(System.getProperty("java.class.path")),
                TransportBroker.class.getName(),
                workDir.resolve(name).toString(),
                Integer.toString(port),
                usersFile.toString(),
                readyFile.toString()));
        if (settings.trackerConfig() != null) {
            arguments.add(settings.trackerConfig().toAbsolutePath().toString());
        }
        ChildProcess broker =
                ChildProcess.startJava(name, arguments, Map.of(), workDir, workDir.resolve(name + ".log"));
        try {
            Waits.until(
                    () -> Files.exists(readyFile) || !broker.isAlive(),
                    START_TIMEOUT,
                    () -> "The " + name + " did not start within " + START_TIMEOUT.toSeconds() + " s; see "
                            + broker.logFile());
            broker.requireAlive();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private Publishers publishers(String url, BenchAccounts accounts) {
        return new Publishers(
                url,
                BenchAccounts.FLEET_ID,
                BenchAccounts.VEHICLES_USERNAME,
                accounts.vehiclesPassword(),
                VEHICLE_PREFIX,
                settings.vehicles(),
                FIRST_SEQ);
    }

    private BenchReport.Scenario scenario() {
        return new BenchReport.Scenario(
                settings.vehicles(),
                settings.warmup().toMillis() / 1e3,
                settings.maxWarmup().toMillis() / 1e3,
                settings.transportDuration().toMillis() / 1e3,
                settings.pipelineDuration().toMillis() / 1e3,
                settings.latencyDuration().toMillis() / 1e3,
                settings.latencyRatePerSecond(),
                Publishers.MAX_IN_FLIGHT,
                Feeder.MAX_BACKLOG,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                databaseDescription,
                trackersDescription());
    }

    private String trackersDescription() {
        String trackers = settings.trackers() == 1 ? "1 tracker" : settings.trackers() + " trackers";
        return settings.separateBroker()
                ? trackers + " on a separate broker process"
                : trackers + " with its embedded broker";
    }

    private static long[] nextSeqs(Publishers publishers) {
        long[] seqs = new long[publishers.size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = publishers.nextSeq(i);
        }
        return seqs;
    }

    /** Makes each entry absolute, because the child processes run in the benchmark folder. */
    private static String absoluteClasspath(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Finding a free TCP port on 127.0.0.1 failed: " + e.getMessage(), e);
        }
    }
}
