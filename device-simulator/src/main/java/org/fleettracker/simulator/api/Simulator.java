package org.fleettracker.simulator.api;

import org.fleettracker.protocol.api.MetricsEndpoint;
import org.fleettracker.protocol.api.TrustStores;
import org.fleettracker.simulator.internal.FaultInjector;
import org.fleettracker.simulator.internal.FixFeed;
import org.fleettracker.simulator.internal.JobCounters;
import org.fleettracker.simulator.internal.JobFollower;
import org.fleettracker.simulator.internal.ReplayedJobs;
import org.fleettracker.simulator.internal.ScheduledFeed;
import org.fleettracker.simulator.internal.SimulatorEngine;
import org.fleettracker.simulator.internal.buffer.FixJournal;
import org.fleettracker.simulator.internal.buffer.OverflowPolicy;
import org.fleettracker.simulator.internal.gpx.GpxReader;
import org.fleettracker.simulator.internal.gpx.GpxTrack;
import org.fleettracker.simulator.internal.gpx.ReplayPlan;
import org.fleettracker.simulator.internal.metrics.RunMeters;
import org.fleettracker.simulator.internal.metrics.SimulatorMeters;
import org.fleettracker.simulator.internal.motion.DeliveryDriver;
import org.fleettracker.simulator.internal.motion.DeliveryProfile;
import org.fleettracker.simulator.internal.motion.DrivingProfile;
import org.fleettracker.simulator.internal.motion.Geo;
import org.fleettracker.simulator.internal.motion.GpsNoise;
import org.fleettracker.simulator.internal.motion.GridDriver;
import org.fleettracker.simulator.internal.motion.JobPlanner;
import org.fleettracker.simulator.internal.motion.JobProfile;
import org.fleettracker.simulator.internal.motion.Places;
import org.fleettracker.simulator.internal.motion.ReportSchedule;
import org.fleettracker.simulator.internal.motion.StreetDriver;
import org.fleettracker.simulator.internal.motion.StreetGrid;
import org.fleettracker.simulator.internal.motion.VehicleDriver;
import org.fleettracker.simulator.internal.mqtt.ConnectRejection;
import org.fleettracker.simulator.internal.mqtt.LinkResources;
import org.fleettracker.simulator.internal.mqtt.LinkSettings;
import org.fleettracker.simulator.internal.mqtt.TelemetryLink;
import org.fleettracker.simulator.internal.mqtt.VehicleLink;
import org.fleettracker.simulator.internal.replay.CsvReader;
import org.fleettracker.simulator.internal.replay.NmeaReader;
import org.fleettracker.simulator.internal.replay.OwnTracksReader;
import org.fleettracker.simulator.internal.replay.ReplayFileCheck;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A running simulation: one MQTT 5 client per vehicle publishing QoS 1 telemetry and retained presence.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorSettings.builder().brokerUrl(uri).replayFile(gpx).build())) {
 *     boolean complete = sim.awaitCompletion(Duration.ofMinutes(1));
 *     SimulatorSummary summary = sim.summary();
 * }
 * }</pre>
 *
 * <p>Thread-safe. At most {@link SimulatorSettings#maxConnectsInFlight()} vehicles connect at the same time; fixes
 * produced before a vehicle is connected wait in its outbox.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulator.class);

    private final SimulatorSettings settings;
    private final SimulatorEngine engine;
    private final Map<String, Long> skippedLinesByReason;
    private final JobCounters jobs;
    private final SimulatorMeters meters;
    private final @Nullable MetricsEndpoint metricsEndpoint;

    private Simulator(
            SimulatorSettings settings,
            SimulatorEngine engine,
            Map<String, Long> skippedLinesByReason,
            JobCounters jobs,
            SimulatorMeters meters,
            @Nullable MetricsEndpoint metricsEndpoint) {
        this.settings = settings;
        this.engine = engine;
        this.skippedLinesByReason = Map.copyOf(skippedLinesByReason);
        this.jobs = jobs;
        this.meters = meters;
        this.metricsEndpoint = metricsEndpoint;
    }

    /**
     * Starts a run: reads the replay file in replay mode, connects every vehicle and schedules the fixes.
     *
     * @throws IllegalArgumentException when the replay file is invalid or has no usable point (the message names the
     *     file and, for GPX, the line), the trust store cannot be loaded, or the broker URL is rejected by Paho
     * @throws IllegalArgumentException also when another simulator uses the buffer directory, or a file in it has
     *     another format
     * @throws java.io.UncheckedIOException when the replay file or the buffer directory cannot be read
     */
    public static Simulator start(SimulatorSettings settings) {
        return start(settings, settings.isReplay() ? readTrack(settings) : null);
    }

    /**
     * Starts a run like {@link #start(SimulatorSettings)}, replaying {@code track}, which {@link #readTrack} read
     * from the settings' replay file, so that a caller that needed the track before the run reads the file once.
     */
    static Simulator start(SimulatorSettings settings, @Nullable GpxTrack track) {
        if (settings.isReplay() != (track != null)) {
            throw new IllegalArgumentException("a track must be given exactly when the settings name a replay file");
        }
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path bufferDirectory = settings.buffer().directory();
        FixJournal journal = bufferDirectory == null
                ? null
                : FixJournal.open(bufferDirectory, settings.buffer().syncInterval());
        SimulatorMeters meters = new SimulatorMeters();
        LinkResources resources = new LinkResources(settings.maxConnectsInFlight(), journal, meters);
        JobCounters jobs = new JobCounters();
        MetricsEndpoint endpoint = null;
        try {
            SimulatorEngine engine = track != null
                    ? replayEngine(settings, track, start, resources, jobs)
                    : generatedEngine(settings, start, resources, jobs);
            requireKnownSkewedVehicles(settings.faults(), engine);
            RunMeters.bind(
                    meters,
                    engine,
                    jobs,
                    settings.bufferSize(),
                    settings.buffer().overflow().optionValue(),
                    journal);
            endpoint = serveMetrics(settings.metrics(), meters);
            engine.start();
            log.info(
                    "Simulator started {} vehicles of fleet {} against {}{}",
                    engine.links().size(),
                    settings.fleetId(),
                    settings.brokerUrl(),
                    settings.isReplay() ? " replaying " + settings.replayFile() : " with seed " + settings.seed());
            return new Simulator(
                    settings, engine, track == null ? Map.of() : track.skippedByReason(), jobs, meters, endpoint);
        } catch (RuntimeException e) {
            if (endpoint != null) {
                endpoint.close();
            }
            resources.close();
            meters.close();
            throw e;
        }
    }

    /**
     * Starts the Prometheus endpoint, or returns null when the settings have no metrics port.
     *
     * @throws IllegalArgumentException when the port cannot be bound, naming address and port
     */
    private static @Nullable MetricsEndpoint serveMetrics(MetricsSettings metrics, SimulatorMeters meters) {
        Integer port = metrics.port();
        if (port == null) {
            return null;
        }
        try {
            return MetricsEndpoint.start(metrics.bindAddress(), port, meters.prometheusRegistry(), "simulator-metrics");
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage() + "; choose another --metrics-port", e);
        }
    }

    /** Returns the address of the Prometheus endpoint, such as {@code http://127.0.0.1:9466/metrics}, or null. */
    public @Nullable URI metricsUri() {
        return metricsEndpoint == null ? null : metricsEndpoint.uri();
    }

    /** Returns every meter of the run in the Prometheus text format, whether or not an endpoint serves them. */
    public String scrapeMetrics() {
        return meters.scrape();
    }

    /**
     * Waits until the run is complete: every fix was sent and acknowledged (or rejected by the broker, or dropped
     * by a full outbox), after a replay's last point or after the duration. With a duration, the run also completes
     * once the duration and then {@link SimulatorSettings#closeTimeout()} have passed, leaving the fixes not yet
     * acknowledged in {@link SimulatorSummary#bufferedNow()}. A vehicle whose connect the broker rejected for good
     * (see {@link #rejectedVehicles()}) stops at once, so a run where every vehicle was rejected completes at once. A
     * generated run without a duration completes only in that case.
     *
     * @return true when complete, false when {@code timeout} elapsed first or the thread was interrupted
     */
    public boolean awaitCompletion(Duration timeout) {
        return engine.awaitCompletion(timeout);
    }

    /** Returns the counters of the run so far. */
    public SimulatorSummary summary() {
        List<TelemetryLink> links = engine.links();
        FixJournal journal = engine.resources().journal();
        return new SimulatorSummary(
                links.size(),
                (int) links.stream().filter(TelemetryLink::isConnected).count(),
                links.stream().mapToLong(TelemetryLink::published).sum(),
                links.stream().mapToLong(TelemetryLink::acknowledged).sum(),
                links.stream().mapToLong(TelemetryLink::rejected).sum(),
                links.stream().mapToLong(TelemetryLink::pending).sum(),
                links.stream().mapToLong(TelemetryLink::dropped).sum(),
                links.stream().mapToLong(TelemetryLink::reconnects).sum(),
                (int) links.stream()
                        .filter(link -> link.connectRejection() != null)
                        .count(),
                links.stream().mapToLong(TelemetryLink::discarded).sum(),
                new FaultCounts(
                        engine.connectionsDropped(),
                        engine.faults().duplicates(),
                        engine.faults().reordered(),
                        engine.faults().malformed(),
                        engine.skewedFixes()),
                new JobCounts(jobs.accepted(), jobs.rejected(), jobs.stopsReached(), jobs.completed()),
                links.stream().mapToLong(TelemetryLink::restored).sum(),
                journal == null ? 0 : journal.fixesOnDisk(),
                journal == null ? 0 : journal.fixesNotWritten());
    }

    /** Returns what the run found in its buffer directory at start, or null without a buffer directory. */
    public @Nullable BufferRestore bufferRestore() {
        FixJournal journal = engine.resources().journal();
        if (journal == null) {
            return null;
        }
        FixJournal.Restore restore = journal.restore();
        return new BufferRestore(
                journal.directory(),
                restore.fixes(),
                restore.vehicles(),
                journal.unclaimedRestoredFixes(),
                restore.damagedFiles(),
                restore.skippedBytes(),
                restore.damagedInside(),
                restore.keptFiles(),
                restore.compactionError());
    }

    /** Returns the vehicles whose connect the broker rejected for good, in creation order. */
    public List<RejectedVehicle> rejectedVehicles() {
        List<RejectedVehicle> rejected = new ArrayList<>();
        for (TelemetryLink link : engine.links()) {
            ConnectRejection rejection = link.connectRejection();
            if (rejection != null) {
                rejected.add(new RejectedVehicle(
                        link.vehicleId(), link.brokerUrl(), rejection.reasonCode(), rejection.reason()));
            }
        }
        return rejected;
    }

    /**
     * Returns how many lines of the replay file were skipped, by reason such as {@code bad checksum}. The map is
     * empty for a generated run or a file without skipped lines.
     */
    public Map<String, Long> skippedLinesByReason() {
        return skippedLinesByReason;
    }

    /** Returns the vehicle ids of the run in creation order. */
    public List<String> vehicleIds() {
        return engine.links().stream().map(TelemetryLink::vehicleId).toList();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /**
     * Stops sending, publishes the retained {@code offline} presence of every connected vehicle, disconnects
     * normally and stops the threads. Fixes not yet acknowledged are discarded, except from the buffer directory,
     * which keeps them for the next run. Safe to call more than once.
     */
    @Override
    public void close() {
        engine.close();
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        meters.close();
    }

    /**
     * Returns how long the replay of {@code settings}' replay file lasts at a speedup of 1: the time from its
     * first to its last point.
     *
     * @throws IllegalArgumentException when the settings name no replay file or the file is invalid
     */
    public static Duration replayLength(SimulatorSettings settings) {
        if (settings.replayFile() == null) {
            throw new IllegalArgumentException("a replay length needs a replay file");
        }
        return replayLength(settings, readTrack(settings));
    }

    /** Returns how long the replay of {@code track} lasts at a speedup of 1, logging nothing. */
    static Duration replayLength(SimulatorSettings settings, GpxTrack track) {
        ReplayPlan.requireTimesFor(track, settings.originalTimes());
        return ReplayPlan.length(track, settings.interval());
    }

    /** Returns the engine, so tests in this package can reach the vehicle links. */
    SimulatorEngine engine() {
        return engine;
    }

    /** Rejects a clock skew for vehicle ids the run does not have, which would otherwise skew nothing. */
    private static void requireKnownSkewedVehicles(FaultSettings faults, SimulatorEngine engine) {
        Set<String> unknown = new TreeSet<>(faults.clockSkewVehicles());
        engine.links().forEach(link -> unknown.remove(link.vehicleId()));
        if (!unknown.isEmpty()) {
            String first = engine.links().get(0).vehicleId();
            throw new IllegalArgumentException("clock skew vehicles " + unknown + " are not in this run, whose vehicle"
                    + " ids run from " + first + " to "
                    + engine.links().get(engine.links().size() - 1).vehicleId());
        }
    }

    /**
     * Reads the replay file with the reader of its format and logs the lines it skipped.
     *
     * @throws IllegalArgumentException when the file is invalid, binary or larger than
     *     {@link ReplayFileCheck#maxFileBytes}
     * @throws java.io.UncheckedIOException when the file does not exist or cannot be read
     */
    static GpxTrack readTrack(SimulatorSettings settings) {
        Path file = settings.replayFile();
        if (file == null) {
            throw new IllegalArgumentException("a replay needs a replay file");
        }
        ReplayFileCheck.check(file, settings.effectiveReplayFormat().displayName());
        GpxTrack track =
                switch (settings.effectiveReplayFormat()) {
                    case GPX -> GpxReader.read(file);
                    case NMEA -> NmeaReader.read(file);
                    case OWNTRACKS -> OwnTracksReader.read(file);
                    case CSV -> CsvReader.read(file);
                };
        if (!track.skippedLines().isEmpty()) {
            // The command line prints the counts by reason itself (see ConsoleOutput), so a warning would repeat them.
            log.debug(
                    "Skipped {} lines of {} (reasons {}), the first at line {}: {}",
                    track.skippedLines().size(),
                    file,
                    track.skippedByReason(),
                    track.skippedLines().get(0).lineNumber(),
                    track.skippedLines().get(0).detail());
        }
        return track;
    }

    private static SimulatorEngine replayEngine(
            SimulatorSettings settings, GpxTrack track, Instant start, LinkResources resources, JobCounters jobs) {
        ReplayPlan plan =
                ReplayPlan.of(track, start, settings.interval(), settings.speedup(), settings.originalTimes());
        String vehicleId = settings.replayVehicleId() != null
                ? settings.replayVehicleId()
                : SimulatorSettings.vehicleIdFromFileName(settings.replayFile());
        log.info(
                "Replaying {} {} points of {} as vehicle {}",
                plan.size(),
                track.pointElement(),
                track.file(),
                vehicleId);
        VehicleLink link =
                new VehicleLink(vehicleId, linkSettings(settings), resources, new SplittableRandom(settings.seed()));
        link.handleJobsWith(new ReplayedJobs(jobs));
        FaultPlan faults = new FaultPlan(settings);
        return faults.engine(List.of(faults.vehicle(link, plan.feed())), start, null, resources);
    }

    private static SimulatorEngine generatedEngine(
            SimulatorSettings settings, Instant start, LinkResources resources, JobCounters jobs) {
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        DrivingProfile profile = DrivingProfile.CITY;
        StreetGrid grid = StreetGrid.generate(settings.radiusKm() * 1_000, profile, seeds.split());
        var projection = new Geo.LocalProjection(settings.centerLatitudeDeg(), settings.centerLongitudeDeg());
        LinkSettings linkSettings = linkSettings(settings);
        // TODO: depots, customers and dwell times are DeliveryProfile.CITY; no option changes them yet.
        // Only delivery runs draw places, so a grid run keeps the routes its seed gave before places existed.
        Places places = settings.motion() == Motion.DELIVERY
                ? Places.choose(
                        grid, DeliveryProfile.CITY.depotCount(), DeliveryProfile.CITY.customerCount(), seeds.split())
                : null;
        JobProfile jobProfile = JobProfile.withDwellS(settings.jobDwell().toNanos() / 1e9);
        var city = new JobFollower.City(
                grid, profile, jobProfile, projection, new JobPlanner(grid, projection, jobProfile), jobs);
        FaultPlan faults = new FaultPlan(settings);
        @Nullable
        Map<String, TelemetryLink> gateways = settings.gatewayVehicles() == 0
                ? null
                : GatewayLinks.create(settings, linkSettings, resources, new SplittableRandom(~settings.seed()));
        List<SimulatorEngine.Vehicle> vehicles = new ArrayList<>();
        for (int number = 1; number <= settings.vehicleCount(); number++) {
            SplittableRandom vehicleRandom = seeds.split();
            // Spreads the vehicles' fixes over the interval instead of sending them in one burst.
            Duration phase = Duration.ofNanos(
                    (long) (vehicleRandom.nextDouble() * settings.interval().toNanos()));
            GridDriver own = places == null
                    ? new StreetDriver(grid, profile, projection, vehicleRandom.split())
                    : deliveryDriver(grid, places, number, projection, vehicleRandom);
            @Nullable
            Function<VehicleDriver, FixFeed> deliveryFeedOf =
                    places == null ? null : scheduledFeed(settings, vehicleRandom, start, phase);
            // Split in gateway mode too, so that the routes of a seed do not depend on the mode.
            SplittableRandom linkRandom = vehicleRandom.split();
            String vehicleId = settings.generatedVehicleId(number);
            TelemetryLink link = gateways == null
                    ? new VehicleLink(vehicleId, linkSettings, resources, linkRandom)
                    : gateways.get(vehicleId);
            var follower = new JobFollower(link, own, city, vehicleRandom.split());
            link.handleJobsWith(follower);
            // A grid vehicle draws its noise and report waits last, so that a seed keeps the routes and jobs it gave
            // before grid fixes had noise.
            Function<VehicleDriver, FixFeed> feedOf =
                    deliveryFeedOf != null ? deliveryFeedOf : scheduledFeed(settings, vehicleRandom, start, phase);
            vehicles.add(faults.vehicle(link, feedOf.apply(follower.driver())));
        }
        return faults.engine(vehicles, start, true, resources);
    }

    /**
     * The faults of a run. Their random draws come from a stream of their own, so that turning a fault on leaves
     * every vehicle's route as it was.
     */
    private static final class FaultPlan {

        /** Mixed into the run's seed to start the stream of fault draws. */
        private static final long FAULT_SEED_SALT = 0x5DEECE66DL;

        private final SimulatorSettings settings;
        private final FaultSettings faultSettings;
        private final SplittableRandom seeds;
        private final SplittableRandom dropRandom;
        private final FaultInjector injector;

        FaultPlan(SimulatorSettings settings) {
            this.settings = settings;
            this.faultSettings = settings.faults();
            this.seeds = new SplittableRandom(settings.seed() ^ FAULT_SEED_SALT);
            this.dropRandom = seeds.split();
            this.injector = new FaultInjector(
                    faultSettings.duplicateRatio(), faultSettings.outOfOrderRatio(), faultSettings.malformedRatio());
        }

        SimulatorEngine.Vehicle vehicle(TelemetryLink link, FixFeed feed) {
            SplittableRandom random = seeds.split();
            boolean skewed = faultSettings.skews(link.vehicleId(), random.nextDouble());
            Duration clockSkew = faultSettings.clockSkew();
            Duration shift = skewed && clockSkew != null ? clockSkew : Duration.ZERO;
            return new SimulatorEngine.Vehicle(link, feed, injector.forVehicle(random), shift);
        }

        SimulatorEngine engine(
                List<SimulatorEngine.Vehicle> vehicles,
                Instant start,
                @Nullable Boolean ignition,
                LinkResources resources) {
            return new SimulatorEngine(
                    vehicles,
                    start,
                    settings.duration(),
                    ignition,
                    settings.closeTimeout(),
                    resources,
                    injector,
                    faultSettings.dropConnectionEvery(),
                    dropRandom);
        }
    }

    private static DeliveryDriver deliveryDriver(
            StreetGrid grid,
            Places places,
            int number,
            Geo.LocalProjection projection,
            SplittableRandom vehicleRandom) {
        int depot = places.depots().get((number - 1) % places.depots().size());
        return new DeliveryDriver(
                grid, DrivingProfile.CITY, DeliveryProfile.CITY, places, depot, projection, vehicleRandom.split());
    }

    /** Draws the feed's random streams now, in the order that keeps a seed's routes, and builds it on demand. */
    private static Function<VehicleDriver, FixFeed> scheduledFeed(
            SimulatorSettings settings, SplittableRandom vehicleRandom, Instant start, Duration phase) {
        var noise =
                new GpsNoise(settings.gpsNoiseM(), SimulatorSettings.GPS_NOISE_CORRELATION_S, vehicleRandom.split());
        var schedule =
                new ReportSchedule(settings.interval(), settings.stoppedInterval(), settings.reportJitterFraction());
        SplittableRandom feedRandom = vehicleRandom.split();
        return driver -> new ScheduledFeed(driver, noise, schedule, feedRandom, start, phase, settings.speedup());
    }

    private static LinkSettings linkSettings(SimulatorSettings settings) {
        return new LinkSettings(
                settings.brokerUrl(),
                settings.fleetId(),
                settings.username(),
                settings.password(),
                settings.bufferSize(),
                settings.maxInFlight(),
                settings.reconnectInitialDelay(),
                settings.reconnectMaxDelay(),
                settings.reconnectJitterFraction(),
                settings.keepAlive(),
                settings.connectTimeout(),
                settings.closeTimeout(),
                sslContext(settings),
                settings.commands(),
                OverflowPolicy.valueOf(settings.buffer().overflow().name()));
    }

    /** Loads the trust store once for all vehicles; null makes TLS connections trust the JVM's trust store. */
    private static @Nullable SSLContext sslContext(SimulatorSettings settings) {
        Path trustStore = settings.trustStore();
        if (trustStore == null) {
            return null;
        }
        String password = settings.trustStorePassword();
        return TrustStores.clientContext(trustStore, password == null ? null : password.toCharArray());
    }
}
