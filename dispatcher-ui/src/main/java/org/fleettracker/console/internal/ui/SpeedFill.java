package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.model.SpeedHistory;
import org.fleettracker.console.internal.model.SpeedSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import javafx.application.Platform;

/**
 * Fills a vehicle's {@link SpeedHistory} with the last hour of positions from the tracker's history API, so the
 * speed chart of a vehicle selected after the console started does not begin empty.
 *
 * <p>The API call runs on one background thread, and the result is merged on the FX thread. Each vehicle is
 * filled once per console run, because the live states keep its history current afterwards. A failed fill is tried
 * again the next time the vehicle is selected. Call {@link #request} and {@link #close} on the FX thread.
 */
final class SpeedFill implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpeedFill.class);

    private final SpeedHistory history;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "speed-history-fill");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> running = new HashSet<>();
    private final Set<String> filled = new HashSet<>();
    private boolean closed;

    SpeedFill(SpeedHistory history) {
        this.history = history;
    }

    /**
     * Starts reading the vehicle's positions from {@code now} minus the history window unless it was filled
     * already or is being filled; {@code onDone} receives the vehicle id and a short result text on the FX thread.
     * Returns whether a read started.
     */
    boolean request(TrackerApi api, String vehicleId, Instant now, BiConsumer<String, String> onDone) {
        if (filled.contains(vehicleId) || !running.add(vehicleId)) {
            return false;
        }
        Instant from = now.minus(ConsoleConfig.SPEED_HISTORY_WINDOW);
        executor.execute(() -> read(api, vehicleId, from, now, onDone));
        return true;
    }

    boolean isRunning(String vehicleId) {
        return running.contains(vehicleId);
    }

    private void read(TrackerApi api, String vehicleId, Instant from, Instant to, BiConsumer<String, String> onDone) {
        try {
            List<HistoryPosition> positions =
                    api.positions(vehicleId, from, to, ConsoleConfig.SPEED_FILL_MAX_POSITIONS);
            List<SpeedSample> samples = speedSamples(positions);
            Platform.runLater(() -> {
                if (closed) {
                    return;
                }
                running.remove(vehicleId);
                filled.add(vehicleId);
                history.merge(vehicleId, samples);
                onDone.accept(vehicleId, "filled from " + positions.size() + " stored positions");
            });
        } catch (IOException | RuntimeException e) {
            // A RuntimeException is caught too, so that a bad answer cannot leave the vehicle marked as running.
            log.warn("Reading the speed history of vehicle {} failed: {}", vehicleId, e.getMessage());
            log.debug("Speed history read failure of vehicle {}", vehicleId, e);
            Platform.runLater(() -> {
                if (closed) {
                    return;
                }
                running.remove(vehicleId);
                onDone.accept(vehicleId, "history not loaded: " + e.getMessage());
            });
        }
    }

    /** Converts positions to samples, leaving out the positions without a speed. */
    static List<SpeedSample> speedSamples(List<HistoryPosition> positions) {
        List<SpeedSample> samples = new ArrayList<>(positions.size());
        for (HistoryPosition position : positions) {
            Double speedKmh = position.speedKmh();
            if (speedKmh != null) {
                samples.add(new SpeedSample(position.fixTime(), speedKmh));
            }
        }
        return samples;
    }

    /** Stops the background thread; a read in progress finishes, but its result is no longer merged. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
