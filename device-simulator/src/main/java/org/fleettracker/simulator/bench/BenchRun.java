package org.fleettracker.simulator.bench;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.protocol.api.TopicKind;
import org.fleettracker.protocol.api.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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

        BenchReport.Transport transport = runTransport(workDir, usersFile, accounts);
        TrackerPhases tracker = runTracker(workDir, usersFile, accounts);
        double ratio = transport.receivedPerSecond() > 0
                ? tracker.pipeline().committedPerSecond() / transport.receivedPerSecond()
                : 0;
        notes.add("CPU times are those of the whole process: the tracker's includes its embedded HiveMQ broker.");
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
        Path readyFile = workDir.resolve("transport-broker.ready");
        List<String> arguments = new ArrayList<>(List.of(
                "-cp",
                absoluteClasspath(System.getProperty("java.class.path")),
                TransportBroker.class.getName(),
                workDir.resolve("transport-broker").toString(),
                Integer.toString(port),
                usersFile.toString(),
                readyFile.toString()));
        if (settings.trackerConfig() != null) {
            arguments.add(settings.trackerConfig().toAbsolutePath().toString());
        }
        try (ChildProcess broker = ChildProcess.startJava(
                "transport broker", arguments, Map.of(), workDir, workDir.resolve("transport-broker.log"))) {
            Waits.until(
                    () -> Files.exists(readyFile) || !broker.isAlive(),
                    START_TIMEOUT,
                    () -> "The transport broker did not start within " + START_TIMEOUT.toSeconds() + " s; see "
                            + broker.logFile());
            broker.requireAlive();
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
                Feeder feeder = new Feeder(publishers, received::get, broker, null);
                log.info(
                        "Transport phase: maximum rate for {} s after a {} s warm-up",
                        settings.transportDuration().toSeconds(),
                        settings.warmup().toSeconds());
                Feeder.Window window = feeder.runAtMaxRate(settings.warmup(), settings.transportDuration());
                feeder.drain(DRAIN_TIMEOUT);
                return PhaseAnalysis.transport(window);
            }
        }
    }

    private record TrackerPhases(
            BenchReport.Pipeline pipeline, BenchReport.Pipeline latency, BenchReport.Integrity integrity) {}

    private TrackerPhases runTracker(Path workDir, Path usersFile, BenchAccounts accounts)
            throws IOException, MqttException, SQLException {
        progress.enter("tracker start");
        int mqttPort = freePort();
        int httpPort = freePort();
        Path dataDir = workDir.resolve("tracker");
        TrackerHttp http = new TrackerHttp(httpPort);
        String url = "tcp://127.0.0.1:" + mqttPort;
        Publishers publishers = publishers(url, accounts);
        try (BenchDatabase database = settings.dbUrl() == null
                ? BenchDatabase.h2(dataDir)
                : BenchDatabase.postgresql(settings.dbUrl(), settings.dbUser(), settings.dbPassword())) {
            databaseDescription = database.describe();
            long[] firstSeqs = new long[publishers.size()];
            Arrays.fill(firstSeqs, FIRST_SEQ);
            StateWatcher states = new StateWatcher(publishers.indexes(), firstSeqs);
            long[] latencyFrom;
            long[] end;
            Feeder.Window pipelineWindow;
            Feeder.Window latencyWindow;
            double duplicateRejects;
            try (ChildProcess tracker =
                            startTracker(workDir, dataDir, usersFile, accounts, mqttPort, httpPort, http, database);
                    BenchSubscriber watcher = BenchSubscriber.start(
                            url,
                            BenchAccounts.OBSERVER_USERNAME,
                            BenchAccounts.OBSERVER_USERNAME,
                            accounts.observerPassword(),
                            Topics.vehicleFilter(BenchAccounts.FLEET_ID, TopicKind.STATE),
                            states::accept)) {
                progress.enter("pipeline phase");
                publishers.connect(CONNECT_TIMEOUT, tracker);
                Feeder feeder = new Feeder(publishers, states::committedFixes, tracker, http);
                log.info(
                        "Pipeline phase: maximum rate for {} s after a {} s warm-up",
                        settings.pipelineDuration().toSeconds(),
                        settings.warmup().toSeconds());
                pipelineWindow = feeder.runAtMaxRate(settings.warmup(), settings.pipelineDuration());
                noteStalledDrain(feeder.drain(DRAIN_TIMEOUT), "pipeline");
                latencyFrom = nextSeqs(publishers);
                progress.enter("latency phase");
                log.info(
                        "Latency phase: {} msg/s for {} s after a {} s warm-up",
                        settings.latencyRatePerSecond(),
                        settings.latencyDuration().toSeconds(),
                        settings.warmup().toSeconds());
                latencyWindow = feeder.runAtRate(
                        settings.latencyRatePerSecond(), settings.warmup(), settings.latencyDuration());
                noteStalledDrain(feeder.drain(DRAIN_TIMEOUT), "latency");
                end = nextSeqs(publishers);
                duplicateRejects = http.metric("tracker_positions_duplicates_total");
                // Disconnect while the broker still runs, so the vehicles close cleanly.
                publishers.close();
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

    private void noteStalledDrain(boolean drained, String phase) {
        if (!drained) {
            notes.add("The tracker stopped committing before the " + phase + " phase's fixes were all committed, so"
                    + " 'lost' also counts fixes the broker still queued for it.");
        }
    }

    private ChildProcess startTracker(
            Path workDir,
            Path dataDir,
            Path usersFile,
            BenchAccounts accounts,
            int mqttPort,
            int httpPort,
            TrackerHttp http,
            BenchDatabase database) {
        List<String> arguments = new ArrayList<>(List.of(
                "-cp",
                absoluteClasspath(settings.trackerClasspath()),
                "org.fleettracker.tracker.api.Main",
                "--data-dir",
                dataDir.toString(),
                "--mqtt-port",
                Integer.toString(mqttPort),
                "--http-port",
                Integer.toString(httpPort),
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
        if (settings.trackerConfig() != null) {
            arguments.add("--config");
            arguments.add(settings.trackerConfig().toAbsolutePath().toString());
        }
        arguments.addAll(database.trackerArguments());
        Map<String, String> environment = new HashMap<>(database.trackerEnvironment());
        environment.put("FLEET_TRACKER_MQTT_PASSWORD", accounts.trackerPassword());
        ChildProcess tracker =
                ChildProcess.startJava("tracker", arguments, environment, workDir, workDir.resolve("tracker.log"));
        try {
            Waits.until(
                    () -> http.healthy() || !tracker.isAlive(),
                    START_TIMEOUT,
                    () -> "The tracker did not become healthy within " + START_TIMEOUT.toSeconds() + " s; see "
                            + tracker.logFile());
            tracker.requireAlive();
        } catch (RuntimeException e) {
            tracker.close();
            throw e;
        }
        return tracker;
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
                settings.transportDuration().toMillis() / 1e3,
                settings.pipelineDuration().toMillis() / 1e3,
                settings.latencyDuration().toMillis() / 1e3,
                settings.latencyRatePerSecond(),
                Publishers.MAX_IN_FLIGHT,
                Feeder.MAX_BACKLOG,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                databaseDescription);
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
