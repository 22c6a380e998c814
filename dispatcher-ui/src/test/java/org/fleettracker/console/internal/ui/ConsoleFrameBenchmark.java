package org.fleettracker.console.internal.ui;

import org.HdrHistogram.Histogram;
import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.model.EventLog;
import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.PendingUpdate;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.console.internal.mqtt.ConnectionStatus;
import org.fleettracker.console.testing.FxThread;
import org.fleettracker.console.testing.SyntheticFleet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * Measures the FX thread's work per frame with a large fleet: drain the inbox, apply it to the model, update the
 * side panel's tabs and the status bar, and redraw the map, wired as {@link ConsoleView} wires them, in a real
 * window.
 *
 * <p>A background thread offers every vehicle's state to the {@link FleetInbox} at a steady rate. Each frame's
 * work goes into an HdrHistogram; the result is logged and written to {@code target/benchmarks/console-frame.txt}.
 * Not a test: run it with the command in {@code dispatcher-ui/BENCHMARKS.md}; {@code ConsoleFrameBenchmarkIT}
 * runs a small fleet through it so it keeps working.
 */
public final class ConsoleFrameBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ConsoleFrameBenchmark.class);
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final long PUBLISH_PERIOD_MS = 10;

    private ConsoleFrameBenchmark() {}

    /**
     * Runs the benchmark. Options, each followed by its value: {@code --vehicles} (default 5000),
     * {@code --updates-per-vehicle-per-s} (1.0), {@code --warmup-frames} (300), {@code --frames} (1200),
     * {@code --spread-deg} (0.5, half the side of the box the fleet starts in) and {@code --output}
     * ({@code target/benchmarks/console-frame.txt}).
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        FxThread.startToolkit();
        try {
            run(options);
        } finally {
            Platform.exit();
        }
    }

    /** Runs the benchmark with {@code options} and returns its result, also written to the output file. */
    static Result run(Options options) throws Exception {
        SyntheticFleet fleet = new SyntheticFleet(options.vehicles(), 48.137, 11.575, options.spreadDeg(), START);
        FleetInbox inbox = new FleetInbox(ConsoleConfig.TRAIL_LENGTH);
        offerAll(inbox, fleet, 0);
        Bench bench = FxThread.call(() -> new Bench(inbox, options));
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "benchmark-publisher");
            thread.setDaemon(true);
            return thread;
        });
        Publisher feed = new Publisher(inbox, fleet, options.updatesPerVehiclePerS());
        publisher.scheduleAtFixedRate(feed::publishTick, 0, PUBLISH_PERIOD_MS, TimeUnit.MILLISECONDS);
        Result result;
        try {
            FxThread.run(bench::start);
            // Allows one frame per second: on a loaded machine the main branch drew 1,500 frames in over 360 s.
            long timeoutS = 60 + options.warmupFrames() + options.frames();
            try {
                result = bench.done().get(timeoutS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // A console too slow for the time limit is a result too: report the frames measured so far.
                result = FxThread.call(bench::stopEarly);
                log.warn(
                        "Frame benchmark timed out after {} s; it reports {} of {} frames",
                        timeoutS,
                        result.frames(),
                        options.frames());
            }
        } finally {
            publisher.shutdownNow();
            FxThread.run(bench::close);
        }
        result = result.withOffered(feed.offered());
        write(result, options);
        log.info("Console frame benchmark: {}", result.summary());
        return result;
    }

    private static double millis(long nanos) {
        return nanos / (double) Duration.ofMillis(1).toNanos();
    }

    private static void offerAll(FleetInbox inbox, SyntheticFleet fleet, int step) {
        for (int i = 0; i < fleet.size(); i++) {
            inbox.offerState(fleet.state(i, step), START.plusSeconds(step));
        }
    }

    private static void write(Result result, Options options) throws IOException {
        Path parent = options.output().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<String> lines = new ArrayList<>();
        lines.add("# Console frame benchmark: FX-thread work per frame (drain, apply, side panel, map redraw)");
        lines.add("date=" + Instant.now());
        lines.add("vehicles=" + options.vehicles());
        lines.add("updates_per_vehicle_per_s=" + options.updatesPerVehiclePerS());
        lines.add("spread_deg=" + options.spreadDeg());
        lines.add("warmup_frames=" + options.warmupFrames());
        lines.add("frames_measured=" + result.frames());
        lines.add("states_offered=" + result.statesOffered());
        lines.add(String.format(Locale.ROOT, "work_p50_ms=%.3f", result.p50Ms()));
        lines.add(String.format(Locale.ROOT, "work_p90_ms=%.3f", result.p90Ms()));
        lines.add(String.format(Locale.ROOT, "work_p99_ms=%.3f", result.p99Ms()));
        lines.add(String.format(Locale.ROOT, "work_max_ms=%.3f", result.maxMs()));
        lines.add(String.format(Locale.ROOT, "cpu_p50_ms=%.3f", result.cpuP50Ms()));
        lines.add(String.format(Locale.ROOT, "cpu_p90_ms=%.3f", result.cpuP90Ms()));
        lines.add(String.format(Locale.ROOT, "cpu_p99_ms=%.3f", result.cpuP99Ms()));
        lines.add(String.format(Locale.ROOT, "frame_interval_p50_ms=%.3f", result.intervalP50Ms()));
        lines.add(String.format(Locale.ROOT, "frame_interval_p99_ms=%.3f", result.intervalP99Ms()));
        Phases phases = result.phases();
        addPart(lines, "drain_apply", phases.apply());
        addPart(lines, "table", phases.table());
        addPart(lines, "side", phases.side());
        addPart(lines, "map", phases.map());
        lines.add("vehicles_in_view_last_frame=" + result.lastFrame().vehicles());
        lines.add("clusters_last_frame=" + result.lastFrame().clusters());
        lines.add("java=" + System.getProperty("java.version") + " " + System.getProperty("java.vm.name"));
        lines.add("os=" + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        lines.add("cpus=" + Runtime.getRuntime().availableProcessors());
        lines.add("prism_order=" + System.getProperty("prism.order", "default"));
        Files.write(options.output(), lines, StandardCharsets.UTF_8);
    }

    private static void addPart(List<String> lines, String name, Part part) {
        lines.add(String.format(Locale.ROOT, "%s_p50_ms=%.3f", name, part.p50Ms()));
        lines.add(String.format(Locale.ROOT, "%s_p90_ms=%.3f", name, part.p90Ms()));
        lines.add(String.format(Locale.ROOT, "%s_p99_ms=%.3f", name, part.p99Ms()));
        lines.add(String.format(Locale.ROOT, "%s_max_ms=%.3f", name, part.maxMs()));
    }

    /**
     * Benchmark settings.
     *
     * @param updatesPerVehiclePerS how often each vehicle's state is offered, per second
     * @param spreadDeg half the side of the box the fleet starts in, in degrees
     */
    record Options(
            int vehicles, double updatesPerVehiclePerS, int warmupFrames, int frames, double spreadDeg, Path output) {

        static Options parse(String[] args) {
            int vehicles = 5_000;
            double rate = 1.0;
            int warmup = 300;
            int frames = 1_200;
            double spread = 0.5;
            Path output = Path.of("target", "benchmarks", "console-frame.txt");
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " is missing its value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--vehicles" -> vehicles = Integer.parseInt(value);
                    case "--updates-per-vehicle-per-s" -> rate = Double.parseDouble(value);
                    case "--warmup-frames" -> warmup = Integer.parseInt(value);
                    case "--frames" -> frames = Integer.parseInt(value);
                    case "--spread-deg" -> spread = Double.parseDouble(value);
                    case "--output" -> output = Path.of(value);
                    default ->
                        throw new IllegalArgumentException("unknown option " + args[i] + "; valid options are "
                                + "--vehicles, --updates-per-vehicle-per-s, --warmup-frames, --frames, "
                                + "--spread-deg and --output");
                }
            }
            return new Options(vehicles, rate, warmup, frames, spread, output);
        }
    }

    /**
     * What the benchmark measured.
     *
     * @param frames frames measured after the warm-up
     * @param cpuP50Ms median of the FX thread's CPU time per frame, which leaves out the time other processes held
     *     the cores; the other work times are wall-clock times
     * @param statesOffered vehicle states the publisher offered during the whole run
     * @param lastFrame what the map drew in the last measured frame
     */
    record Result(
            long frames,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double maxMs,
            double cpuP50Ms,
            double cpuP90Ms,
            double cpuP99Ms,
            double intervalP50Ms,
            double intervalP99Ms,
            Phases phases,
            long statesOffered,
            FrameStats lastFrame) {

        Result withOffered(long offered) {
            return new Result(
                    frames,
                    p50Ms,
                    p90Ms,
                    p99Ms,
                    maxMs,
                    cpuP50Ms,
                    cpuP90Ms,
                    cpuP99Ms,
                    intervalP50Ms,
                    intervalP99Ms,
                    phases,
                    offered,
                    lastFrame);
        }

        String summary() {
            return String.format(
                    Locale.ROOT,
                    "%d frames, work p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; CPU time p50 %.2f ms,"
                            + " p99 %.2f ms; frame interval p50 %.2f ms, p99 %.2f ms; %d vehicles in view, %d clusters",
                    frames,
                    p50Ms,
                    p90Ms,
                    p99Ms,
                    maxMs,
                    cpuP50Ms,
                    cpuP99Ms,
                    intervalP50Ms,
                    intervalP99Ms,
                    lastFrame.vehicles(),
                    lastFrame.clusters());
        }
    }

    /**
     * The parts of a frame's work: drain and apply, the Vehicles tab (table, counts and details), the other tabs
     * with the status bar, and the map.
     */
    record Phases(Part apply, Part table, Part side, Part map) {}

    /** Percentiles of one part's wall-clock time per frame, in milliseconds. */
    record Part(double p50Ms, double p90Ms, double p99Ms, double maxMs) {

        static Part of(Histogram histogram) {
            return new Part(
                    millis(histogram.getValueAtPercentile(50)),
                    millis(histogram.getValueAtPercentile(90)),
                    millis(histogram.getValueAtPercentile(99)),
                    millis(histogram.getMaxValue()));
        }
    }

    /** Offers a slice of the fleet every tick, so every vehicle gets the configured rate. */
    private static final class Publisher {

        private final FleetInbox inbox;
        private final SyntheticFleet fleet;
        private final double statesPerTick;
        private final int[] steps;
        private double owed;
        private int next;
        private long offered;

        Publisher(FleetInbox inbox, SyntheticFleet fleet, double updatesPerVehiclePerS) {
            this.inbox = inbox;
            this.fleet = fleet;
            this.statesPerTick = fleet.size() * updatesPerVehiclePerS * PUBLISH_PERIOD_MS / 1000.0;
            this.steps = new int[fleet.size()];
        }

        synchronized void publishTick() {
            owed += statesPerTick;
            while (owed >= 1.0) {
                int step = ++steps[next];
                inbox.offerState(fleet.state(next, step), START.plusSeconds(step));
                next = (next + 1) % fleet.size();
                owed -= 1.0;
                offered++;
            }
        }

        synchronized long offered() {
            return offered;
        }
    }

    /** The console's views on the FX thread and the frame timer that measures them. */
    private static final class Bench {

        private final FleetInbox inbox;
        private final Options options;
        private final Clock clock = Clock.systemUTC();
        private final FleetModel model = new FleetModel(ConsoleConfig.TRAIL_LENGTH);
        private final EventLog eventLog = new EventLog(
                ConsoleConfig.EVENTS_MAX,
                ConsoleConfig.EVENTS_PER_VEHICLE_MAX,
                ConsoleConfig.ALERTS_MAX,
                ConsoleConfig.COMMAND_STATUSES_MAX);
        private final VehiclesPanel vehicles;
        private final AlertsView alerts;
        private final DispatchView dispatch;
        private final PlaybackView playback;
        private final StatusBar statusBar = new StatusBar();
        private final ConnectionStatus connected;
        private final MapView map;
        private final Stage stage = new Stage();
        private final Histogram work = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        private final Histogram cpuWork = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final Histogram interval = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        private final Histogram applyWork = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        private final Histogram tableWork = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        private final Histogram sideWork = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        private final Histogram mapWork = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        private boolean measuring;
        private final CompletableFuture<Result> done = new CompletableFuture<>();
        private final AnimationTimer timer;
        private long frames;
        private long lastFrameNanos;
        private long lastSecond = Long.MIN_VALUE;

        Bench(FleetInbox inbox, Options options) {
            this.inbox = inbox;
            this.options = options;
            ConsoleSettings settings = ConsoleSettings.of("tcp://127.0.0.1:1883", "demo", "dispatcher", "not-used");
            this.connected =
                    new ConnectionStatus(ConnectionState.CONNECTED, settings.brokerUri(), null, clock.instant(), null);
            this.vehicles = new VehiclesPanel(model, settings.fleetIds(), clock, id -> {});
            this.map = new MapView(model, vehicles::select, settings, clock);
            this.alerts = new AlertsView(clock, vehicles::select);
            this.dispatch = new DispatchView(map, clock);
            this.playback = new PlaybackView(map, clock);
            vehicles.setEventFeed(eventLog);
            alerts.setEventFeed(eventLog);
            dispatch.setEventFeed(eventLog);
            TabPane tabs = new TabPane(
                    new Tab("Vehicles", vehicles.node()),
                    alerts.tab(),
                    new Tab("Dispatch", dispatch.node()),
                    new Tab("History", playback.node()));
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            SplitPane split = new SplitPane(map, tabs);
            split.setOrientation(Orientation.HORIZONTAL);
            split.setDividerPositions(0.69);
            BorderPane root = new BorderPane(split);
            root.setBottom(statusBar.node());
            Scene scene = new Scene(root, settings.widthPx(), settings.heightPx());
            scene.getStylesheets().add(ConsoleView.stylesheet());
            stage.setScene(scene);
            stage.setTitle("Console frame benchmark: " + options.vehicles() + " vehicles");
            this.timer = new AnimationTimer() {
                @Override
                public void handle(long nowNanos) {
                    onFrame(nowNanos);
                }
            };
        }

        void start() {
            stage.show();
            timer.start();
        }

        CompletableFuture<Result> done() {
            return done;
        }

        void close() {
            timer.stop();
            playback.stop();
            vehicles.stop();
            map.close();
            stage.hide();
        }

        /** Stops the frame timer and returns what was measured until now. */
        Result stopEarly() {
            timer.stop();
            return result();
        }

        private void onFrame(long pulseNanos) {
            measuring = frames >= options.warmupFrames();
            long startNanos = System.nanoTime();
            long startCpuNanos = threads.getCurrentThreadCpuTime();
            frameWork(clock.instant());
            long workNanos = System.nanoTime() - startNanos;
            long cpuNanos = threads.getCurrentThreadCpuTime() - startCpuNanos;
            frames++;
            if (measuring) {
                work.recordValue(Math.min(workNanos, work.getHighestTrackableValue()));
                cpuWork.recordValue(Math.min(Math.max(cpuNanos, 0), cpuWork.getHighestTrackableValue()));
                interval.recordValue(Math.min(pulseNanos - lastFrameNanos, interval.getHighestTrackableValue()));
            }
            lastFrameNanos = pulseNanos;
            if (frames == (long) options.warmupFrames() + options.frames()) {
                timer.stop();
                done.complete(result());
            }
        }

        /**
         * Does one frame's FX-thread work as {@code ConsoleView.onFrame} does, leaving out the connection, the
         * outbox and the refill after a reconnect, which have nothing to do while the broker stays connected.
         */
        private void frameWork(Instant now) {
            long startNanos = System.nanoTime();
            FleetInbox.Drained drained = inbox.drain();
            boolean changed = model.apply(drained);
            eventLog.addAll(drained.events());
            long appliedNanos = System.nanoTime();
            long second = now.getEpochSecond();
            boolean newSecond = second != lastSecond;
            if (changed) {
                List<VehicleTrack> updated = new ArrayList<>(drained.updates().size());
                for (PendingUpdate update : drained.updates()) {
                    model.vehicle(update.vehicleId()).ifPresent(updated::add);
                }
                vehicles.sync(updated, now);
                map.modelChanged();
            }
            if (newSecond) {
                vehicles.refreshAges(now);
            }
            long tableNanos = System.nanoTime();
            if (changed) {
                playback.syncVehicleIds(model);
            }
            dispatch.onFrame(model, changed, newSecond);
            alerts.refresh(now, newSecond);
            if (changed || newSecond) {
                statusBar.update(connected, inbox.lastMessageTime(), model, inbox.malformedCount(), 0, now);
            }
            lastSecond = second;
            long sideNanos = System.nanoTime();
            map.redrawIfNeeded();
            long endNanos = System.nanoTime();
            if (measuring) {
                applyWork.recordValue(appliedNanos - startNanos);
                tableWork.recordValue(tableNanos - appliedNanos);
                sideWork.recordValue(sideNanos - tableNanos);
                mapWork.recordValue(endNanos - sideNanos);
            }
        }

        private Result result() {
            return new Result(
                    work.getTotalCount(),
                    millis(work.getValueAtPercentile(50)),
                    millis(work.getValueAtPercentile(90)),
                    millis(work.getValueAtPercentile(99)),
                    millis(work.getMaxValue()),
                    millis(cpuWork.getValueAtPercentile(50)),
                    millis(cpuWork.getValueAtPercentile(90)),
                    millis(cpuWork.getValueAtPercentile(99)),
                    millis(interval.getValueAtPercentile(50)),
                    millis(interval.getValueAtPercentile(99)),
                    new Phases(Part.of(applyWork), Part.of(tableWork), Part.of(sideWork), Part.of(mapWork)),
                    0,
                    map.lastFrame());
        }
    }
}
