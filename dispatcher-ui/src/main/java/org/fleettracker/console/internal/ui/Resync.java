package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.metrics.ConsoleMeters;
import org.fleettracker.console.internal.model.EventLog;
import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.TrailPoint;
import org.fleettracker.protocol.api.FleetEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Refills what the console missed during a connection loss. Each shown vehicle's positions since the loss go into
 * its trail and speed history, and the fleet's events since the loss go into the event log. Then every stale mark is
 * cleared. After every connect it also reads the fleet's open alerts into the event log.
 *
 * <p>The history API is read on background threads, {@link ConsoleConfig#RESYNC_CONCURRENT_READS} vehicles at once;
 * {@link #applyFinished} applies the results on the FX thread.
 * The time from the reconnect to the applied refill is logged at info and kept for {@link #lastDuration()}. When
 * the API cannot be read (no API URL, tracker down), the retained states the broker sent again still give a fresh
 * picture, so the stale marks are cleared anyway and the log names the gap that stays.
 */
final class Resync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Resync.class);

    private final TrackerApi api;
    private final Clock clock;
    private final ConsoleMeters meters;
    private final Duration retryDelay;
    private final ScheduledExecutorService fetcher =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("console-resync"));
    private final ExecutorService readers =
            Executors.newFixedThreadPool(ConsoleConfig.RESYNC_CONCURRENT_READS, daemonThreads("console-resync-read"));
    private final ConcurrentLinkedQueue<Fetched> finished = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<List<FleetEvent>> openAlerts = new ConcurrentLinkedQueue<>();
    private @Nullable Duration lastDuration;

    Resync(TrackerApi api, Clock clock) {
        this(api, clock, ConsoleConfig.RESYNC_RETRY_DELAY);
    }

    /** Creates the refill that counts each applied refill in {@code meters}. */
    Resync(TrackerApi api, Clock clock, ConsoleMeters meters) {
        this(api, clock, ConsoleConfig.RESYNC_RETRY_DELAY, meters);
    }

    /** Creates the refill with a first retry after {@code retryDelay}, doubling per failed attempt. */
    Resync(TrackerApi api, Clock clock, Duration retryDelay) {
        this(api, clock, retryDelay, ConsoleMeters.unexported());
    }

    private Resync(TrackerApi api, Clock clock, Duration retryDelay, ConsoleMeters meters) {
        this.meters = meters;
        this.api = api;
        this.clock = clock;
        this.retryDelay = retryDelay;
    }

    /**
     * Starts reading what the vehicles in {@code vehicleIds} and the fleet missed during {@code reconnect}. A failed
     * read is applied as it is, so the stale marks clear, and tried again later, up to
     * {@link ConsoleConfig#RESYNC_ATTEMPTS} reads in all, because the tracker's API may come back after the broker.
     */
    void start(FleetInbox.Reconnect reconnect, List<String> vehicleIds) {
        schedule(reconnect, vehicleIds, 1, Duration.ZERO);
    }

    private void schedule(FleetInbox.Reconnect reconnect, List<String> vehicleIds, int attempt, Duration delay) {
        try {
            fetcher.schedule(
                    () -> fetchAndRetry(reconnect, vehicleIds, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Console is closing; no refill after the reconnect at {}", reconnect.restoredAt());
        }
    }

    private void fetchAndRetry(FleetInbox.Reconnect reconnect, List<String> vehicleIds, int attempt) {
        Fetched fetched = fetch(reconnect, vehicleIds);
        finished.add(fetched);
        if (fetched.problem() == null || attempt >= ConsoleConfig.RESYNC_ATTEMPTS) {
            return;
        }
        Duration delay = retryDelay.multipliedBy(1L << (attempt - 1));
        log.info(
                "Reading the history missed since {} failed (attempt {} of {}): {}; trying again in {} ms",
                reconnect.lostSince(),
                attempt,
                ConsoleConfig.RESYNC_ATTEMPTS,
                fetched.problem(),
                delay.toMillis());
        schedule(reconnect, vehicleIds, attempt + 1, delay);
    }

    /**
     * Starts reading the fleet's open alerts, which the console does after each connect, so that alerts raised while
     * it was closed or cut off are listed too.
     */
    void readOpenAlerts() {
        scheduleOpenAlerts(1, Duration.ZERO);
    }

    private void scheduleOpenAlerts(int attempt, Duration delay) {
        try {
            fetcher.schedule(() -> fetchOpenAlerts(attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Console is closing; open alerts not read");
        }
    }

    private void fetchOpenAlerts(int attempt) {
        try {
            List<FleetEvent> alerts = api.alerts(TrackerApi.AlertState.OPEN, ConsoleConfig.OPEN_ALERTS_MAX);
            log.debug("Read {} open alerts from the tracker", alerts.size());
            openAlerts.add(alerts);
        } catch (IOException e) {
            if (attempt >= ConsoleConfig.RESYNC_ATTEMPTS) {
                log.warn(
                        "Reading the open alerts failed {} times, so the console lists only the alerts it receives:"
                                + " {}",
                        attempt,
                        e.getMessage());
                return;
            }
            Duration delay = retryDelay.multipliedBy(1L << (attempt - 1));
            log.info("Reading the open alerts failed: {}; trying again in {} ms", e.getMessage(), delay.toMillis());
            scheduleOpenAlerts(attempt + 1, delay);
        }
    }

    private Fetched fetch(FleetInbox.Reconnect reconnect, List<String> vehicleIds) {
        Instant from = reconnect.lostSince().minus(ConsoleConfig.RESYNC_OVERLAP);
        Instant to = clock.instant();
        long startNanos = System.nanoTime();
        Map<String, List<HistoryPosition>> positions = Map.of();
        List<FleetEvent> events = List.of();
        String problem = null;
        try {
            positions = readPositions(vehicleIds, from, to);
            events = api.events(null, from, to, ConsoleConfig.RESYNC_EVENTS_MAX);
        } catch (IOException e) {
            problem = e.getMessage();
        }
        Duration readTime = Duration.ofNanos(System.nanoTime() - startNanos);
        return new Fetched(reconnect, positions, events, readTime, problem);
    }

    /** Reads the vehicles' positions, a few vehicles at once, and stops at the first failed read. */
    // TODO: one request per vehicle took 16 s for 1,000 vehicles; a fleet-wide history route needs a tracker change.
    private Map<String, List<HistoryPosition>> readPositions(List<String> vehicleIds, Instant from, Instant to)
            throws IOException {
        Map<String, Future<List<HistoryPosition>>> reads = new LinkedHashMap<>();
        for (String vehicleId : vehicleIds) {
            reads.put(
                    vehicleId,
                    readers.submit(() -> api.positions(vehicleId, from, to, ConsoleConfig.RESYNC_POSITIONS_MAX)));
        }
        Map<String, List<HistoryPosition>> positions = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Future<List<HistoryPosition>>> read : reads.entrySet()) {
                positions.put(read.getKey(), read.getValue().get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException cause
                    ? cause
                    : new IOException("reading the positions failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the positions", e);
        } finally {
            reads.values().forEach(read -> read.cancel(true));
        }
        return positions;
    }

    /**
     * Applies the finished refills and open-alert reads to the model and the event log; returns whether anything
     * changed.
     */
    boolean applyFinished(FleetModel model, EventLog eventLog) {
        boolean changed = false;
        for (List<FleetEvent> alerts = openAlerts.poll(); alerts != null; alerts = openAlerts.poll()) {
            changed |= eventLog.addAll(alerts);
        }
        for (Fetched fetched = finished.poll(); fetched != null; fetched = finished.poll()) {
            apply(fetched, model, eventLog);
            changed = true;
        }
        return changed;
    }

    private void apply(Fetched fetched, FleetModel model, EventLog eventLog) {
        int points = 0;
        for (Map.Entry<String, List<HistoryPosition>> entry :
                fetched.positions().entrySet()) {
            points += model.fillGap(
                    entry.getKey(), trailPoints(entry.getValue()), SpeedFill.speedSamples(entry.getValue()));
        }
        eventLog.addAll(fetched.events());
        model.clearStale();
        Duration duration = Duration.between(fetched.reconnect().restoredAt(), clock.instant());
        lastDuration = duration;
        meters.resynced(fetched.problem() == null, duration);
        if (fetched.problem() == null) {
            log.info(
                    "Console picture fresh {} ms after the reconnect: added {} trail points of {} vehicles and read {}"
                            + " events missed since {}; reading the history took {} ms",
                    duration.toMillis(),
                    points,
                    fetched.positions().size(),
                    fetched.events().size(),
                    fetched.reconnect().lostSince(),
                    fetched.readTime().toMillis());
        } else {
            log.info(
                    "Console cleared its stale marks {} ms after the reconnect, but the trails and events since {}"
                            + " have a gap: {}",
                    duration.toMillis(),
                    fetched.reconnect().lostSince(),
                    fetched.problem());
        }
    }

    /** Returns the time from the last reconnect to its applied refill, or null before the first one. */
    @Nullable
    Duration lastDuration() {
        return lastDuration;
    }

    private static List<TrailPoint> trailPoints(List<HistoryPosition> positions) {
        List<TrailPoint> points = new ArrayList<>(positions.size());
        for (HistoryPosition position : positions) {
            points.add(
                    new TrailPoint(position.fixTime(), new GeoPoint(position.latitudeDeg(), position.longitudeDeg())));
        }
        return points;
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
        readers.shutdownNow();
    }

    /** Data read by one refill; {@code problem} is why the read stopped early, or null. */
    private record Fetched(
            FleetInbox.Reconnect reconnect,
            Map<String, List<HistoryPosition>> positions,
            List<FleetEvent> events,
            Duration readTime,
            @Nullable String problem) {}
}
