package org.fleettracker.simulator.api;

import ch.qos.logback.classic.Level;
import org.awaitility.core.ConditionTimeoutException;
import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.PasswordHashes;
import org.fleettracker.broker.api.SecurityCounter;
import org.fleettracker.simulator.internal.mqtt.LinkResources;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Measures how long N generated vehicles take to connect to an embedded broker that checks their password with the
 * fleet security extension, and what the simulator's JVM uses once they are connected: threads, heap and resident
 * memory.
 *
 * <p>Broker and simulator share the JVM, so the resident memory includes the broker; the report gives it before the
 * simulator starts too. Not a test: run it with the command in {@code device-simulator/BENCHMARKS.md}, and {@code
 * ScaleSmokeIT} runs 50 vehicles through it so that it keeps working.
 */
public final class SimulatorScaleBenchmark {

    private static final Logger log = LoggerFactory.getLogger(SimulatorScaleBenchmark.class);

    private static final String USERNAME = "bench-vehicles";
    private static final String PASSWORD = "bench-vehicle-pw";
    /** Account of role gateway for runs with {@code --gateway-vehicles}, with the same password as the vehicles. */
    private static final String GATEWAY_USERNAME = "bench-gateway";

    private static final String FLEET = "bench";

    /** Time between two fixes of a vehicle: long, so that the run measures connecting more than publishing. */
    private static final Duration FIX_INTERVAL = Duration.ofSeconds(10);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(60);

    private SimulatorScaleBenchmark() {}

    /** What one run measured; times from the simulator's start. */
    record Result(
            int vehicles,
            int connected,
            int maxConnectsInFlight,
            int maxConnectsObserved,
            Duration firstConnected,
            Duration allConnected,
            long brokerConnects,
            long brokerFailedPasswords,
            Duration processCpu,
            int threads,
            int clientThreads,
            long pingTimerThreads,
            long heapUsedBytes,
            long heapCommittedBytes,
            long rssBeforeSimulatorKb,
            long rssKb,
            long rssHighWaterKb) {

        String report() {
            return String.format(
                    Locale.ROOT,
                    "%d of %d vehicles connected, at most %d connecting at once (limit %d)%n"
                            + "first connected after %d ms, all connected (or timed out) after %d ms%n"
                            + "broker: %d successful logins, %d wrong passwords; process CPU during connects %d ms%n"
                            + "threads %d, of them %d in the Paho pool, %d Paho ping timer threads%n"
                            + "heap used %d MiB of %d MiB committed%n"
                            + "RSS %d MiB (high-water mark %d MiB), %d MiB of it before the simulator started",
                    connected,
                    vehicles,
                    maxConnectsObserved,
                    maxConnectsInFlight,
                    firstConnected.toMillis(),
                    allConnected.toMillis(),
                    brokerConnects,
                    brokerFailedPasswords,
                    processCpu.toMillis(),
                    threads,
                    clientThreads,
                    pingTimerThreads,
                    heapUsedBytes >> 20,
                    heapCommittedBytes >> 20,
                    rssKb >> 10,
                    rssHighWaterKb >> 10,
                    rssBeforeSimulatorKb >> 10);
        }
    }

    /** Options of one run; see {@link #main(String[])}. */
    record Options(
            int vehicles,
            int maxConnectsInFlight,
            Duration timeout,
            Duration hold,
            @Nullable String brokerUrl,
            boolean brokerOnly,
            int port,
            int gatewayVehicles) {

        static Options parse(String... args) {
            int vehicles = 5_000;
            int maxConnectsInFlight = SimulatorSettings.DEFAULT_MAX_CONNECTS_IN_FLIGHT;
            Duration timeout = Duration.ofSeconds(120);
            Duration hold = Duration.ZERO;
            String brokerUrl = null;
            boolean brokerOnly = false;
            int port = 0;
            int gatewayVehicles = 0;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--broker-only")) {
                    brokerOnly = true;
                    continue;
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " has no value");
                }
                String value = args[++i];
                switch (args[i - 1]) {
                    case "--vehicles" -> vehicles = Integer.parseInt(value);
                    case "--max-connects-in-flight" -> maxConnectsInFlight = Integer.parseInt(value);
                    case "--timeout-s" -> timeout = Duration.ofSeconds(Long.parseLong(value));
                    case "--hold-s" -> hold = Duration.ofSeconds(Long.parseLong(value));
                    case "--broker-url" -> brokerUrl = value;
                    case "--port" -> port = Integer.parseInt(value);
                    case "--gateway-vehicles" -> gatewayVehicles = Integer.parseInt(value);
                    default ->
                        throw new IllegalArgumentException("unknown option " + args[i - 1]
                                + "; see the Javadoc of SimulatorScaleBenchmark.main for the options");
                }
            }
            return new Options(
                    vehicles, maxConnectsInFlight, timeout, hold, brokerUrl, brokerOnly, port, gatewayVehicles);
        }
    }

    /**
     * Runs the benchmark. Options, each followed by its value: {@code --vehicles} (default 5000), {@code
     * --max-connects-in-flight} (the simulator's default), {@code --timeout-s} (120) and {@code --hold-s}, how long
     * the connected vehicles send fixes before the measurement (0), and {@code --gateway-vehicles} (0), the vehicles
     * per gateway connection, which then connect with a gateway account.
     *
     * <p>To measure the simulator without the broker in its JVM, start one JVM with {@code --broker-only --port P},
     * which runs the broker until the process is stopped, and another with {@code --broker-url tcp://127.0.0.1:P}.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        // The test logback configuration logs every connect, which would measure the logging instead.
        quiet("org.fleettracker.simulator.connections");
        quiet("org.fleettracker.broker.connections");
        quiet("org.fleettracker.simulator.internal");
        Path folder = Files.createTempDirectory("simulator-scale-");
        try {
            if (options.brokerOnly()) {
                runBroker(options.port(), folder);
                return;
            }
            Result result =
                    options.brokerUrl() == null ? run(options, folder) : measure(options, options.brokerUrl(), null);
            log.info("Simulator scale benchmark:{}{}", System.lineSeparator(), result.report());
        } finally {
            deleteRecursively(folder);
        }
    }

    /** Runs the broker alone until the JVM is stopped, for a simulator in another JVM. */
    private static void runBroker(int port, Path folder) throws IOException, InterruptedException {
        EmbeddedBroker broker = startBroker(folder, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "benchmark-broker-stop"));
        log.info("Benchmark broker listening on {}; stop this process to stop it", broker.serverUri());
        stopped.await();
    }

    /** Starts a broker in {@code folder}, then {@linkplain #measure measures} a run against it and stops both. */
    static Result run(Options options, Path folder) throws IOException {
        try (EmbeddedBroker broker = startBroker(folder, 0)) {
            return measure(options, broker.serverUri(), broker);
        }
    }

    /**
     * Connects {@code options.vehicles()} vehicles to {@code brokerUrl}, lets them send fixes for {@code
     * options.hold()}, measures, and stops them. The resident memory is read first, and the heap after a full garbage
     * collection. The broker's login counters are -1 when the broker runs in another JVM.
     */
    static Result measure(Options options, String brokerUrl, @Nullable EmbeddedBroker broker) {
        int vehicles = options.vehicles();
        long rssBeforeKb = procStatusKb("VmRSS");
        long cpuBeforeNanos = processCpuNanos();
        long startNanos = System.nanoTime();
        try (Simulator simulator = Simulator.start(settings(brokerUrl, options))) {
            await().atMost(options.timeout())
                    .pollInterval(POLL_INTERVAL)
                    .until(() -> simulator.summary().connectedVehicles() > 0);
            Duration firstConnected = Duration.ofNanos(System.nanoTime() - startNanos);
            try {
                await().atMost(options.timeout())
                        .pollInterval(POLL_INTERVAL)
                        .until(() -> simulator.summary().connectedVehicles() == vehicles);
            } catch (ConditionTimeoutException e) {
                log.warn(
                        "Only {} of {} vehicles connected within {} s; measuring anyway",
                        simulator.summary().connectedVehicles(),
                        vehicles,
                        options.timeout().toSeconds());
            }
            Duration allConnected = Duration.ofNanos(System.nanoTime() - startNanos);
            Duration processCpu = Duration.ofNanos(processCpuNanos() - cpuBeforeNanos);
            simulator.awaitCompletion(options.hold());
            LinkResources resources = simulator.engine().resources();
            // Read before the full collection below, which adds resident memory of its own.
            long rssKb = procStatusKb("VmRSS");
            long rssHighWaterKb = procStatusKb("VmHWM");
            ManagementFactory.getMemoryMXBean().gc();
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            return new Result(
                    vehicles,
                    simulator.summary().connectedVehicles(),
                    options.maxConnectsInFlight(),
                    resources.maxConnectsObserved(),
                    firstConnected,
                    allConnected,
                    broker == null ? -1 : broker.securityCount(SecurityCounter.CONNECTS),
                    broker == null ? -1 : broker.securityCount(SecurityCounter.AUTHENTICATIONS_FAILED_WRONG_PASSWORD),
                    processCpu,
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    resources.clientThreads(),
                    pingTimerThreads(),
                    heap.getUsed(),
                    heap.getCommitted(),
                    rssBeforeKb,
                    rssKb,
                    rssHighWaterKb);
        }
    }

    private static void quiet(String loggerName) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(loggerName)).setLevel(Level.WARN);
    }

    private static EmbeddedBroker startBroker(Path folder, int port) throws IOException {
        Path usersFile = folder.resolve("users.yaml");
        Files.writeString(
                usersFile,
                "users:\n"
                        + "  - username: " + USERNAME + "\n"
                        + "    password: \"" + PasswordHashes.hash(PASSWORD.toCharArray()) + "\"\n"
                        + "    role: vehicle\n"
                        + "    fleets: [" + FLEET + "]\n"
                        + "  - username: " + GATEWAY_USERNAME + "\n"
                        + "    password: \"" + PasswordHashes.hash(PASSWORD.toCharArray()) + "\"\n"
                        + "    role: gateway\n"
                        + "    fleets: [" + FLEET + "]\n",
                StandardCharsets.UTF_8);
        Path dataDir = Files.createDirectories(folder.resolve("broker"));
        return EmbeddedBroker.builder()
                .port(port)
                .dataDir(dataDir)
                .extension(new FleetSecurityExtension(usersFile))
                .build()
                .start(BROKER_START_TIMEOUT);
    }

    private static SimulatorSettings settings(String brokerUrl, Options options) {
        return SimulatorSettings.builder()
                .brokerUrl(brokerUrl)
                .username(options.gatewayVehicles() > 0 ? GATEWAY_USERNAME : USERNAME)
                .password(PASSWORD)
                .fleetId(FLEET)
                .vehicleCount(options.vehicles())
                .gatewayVehicles(options.gatewayVehicles())
                .interval(FIX_INTERVAL)
                .seed(5_000)
                .maxConnectsInFlight(options.maxConnectsInFlight())
                .build();
    }

    /**
     * Counts the threads that Paho's ping sender starts when a client has no shared scheduler. It reads thread names
     * only, because {@code Thread.getAllStackTraces()} added about 800 MiB of resident memory to a 5,000-vehicle run
     * on OpenJDK 17, which this benchmark then reported as the simulator's.
     */
    static long pingTimerThreads() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false, 0))
                .filter(thread -> thread.getThreadName().startsWith("MQTT Ping"))
                .count();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Reads a field such as {@code VmRSS} from {@code /proc/self/status}, in KiB; -1 where there is none. */
    static long procStatusKb(String field) {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith(field + ":"))
                    .map(line -> line.substring(field.length() + 1).strip().split("\\s+")[0])
                    .mapToLong(Long::parseLong)
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + status + " failed", e);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
