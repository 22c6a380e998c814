package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.api.TrackerApi;
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
import java.util.concurrent.ThreadFactory;

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
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(daemonThreads("console-resync"));
    private final ExecutorService readers =
            Executors.newFixedThreadPool(ConsoleConfig.RESYNC_CONCURRENT_READS, daemonThreads("console-resync-read"));
    private final ConcurrentLinkedQueue<Fetched> finished = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<List<FleetEvent>> openAlerts = new ConcurrentLinkedQueue<>();
    private @Nullable Duration lastDuration;

    Resync(TrackerApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** Starts reading what the vehicles in {@code vehicleIds} and the fleet missed during {@code reconnect}. */
    void start(FleetInbox.Reconnect reconnect, List<String> vehicleIds) {
        try {
            fetcher.execute(() -> finished.add(fetch(reconnect, vehicleIds)));
        } catch (RejectedExecutionException e) {
            log.debug("Console is closing; no refill after the reconnect at {}", reconnect.restoredAt());
        }
    }

    /**
     * Starts reading the fleet's open alerts, which the console does after each connect, so that alerts raised while
     * it was closed or cut off are listed too.
     */
    void readOpenAlerts() {
        try {
            fetcher.execute(this::fetchOpenAlerts);
        } catch (RejectedExecutionException e) {
            log.debug("Console is closing; open alerts not read");
        }
    }

    private void fetchOpenAlerts() {
        try {
            List<FleetEvent> alerts = api.alerts(TrackerApi.AlertState.OPEN, ConsoleConfig.OPEN_ALERTS_MAX);
            log.debug("Read {} open alerts from the tracker", alerts.size());
            openAlerts.add(alerts);
        } catch (IOException e) {
            log.warn(
                    "Reading the open alerts failed, so the console lists only the alerts it receives: {}",
                    e.getMessage());
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
