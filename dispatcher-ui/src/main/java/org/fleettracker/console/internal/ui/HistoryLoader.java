package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.model.TimeRange;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/**
 * Loads a vehicle's stored positions on one daemon thread and hands the outcome to the FX thread. A newer load
 * supersedes an older one, whose outcome is dropped. Call it on the FX thread.
 */
final class HistoryLoader {

    private static final Logger log = LoggerFactory.getLogger(HistoryLoader.class);

    private final Listener listener;
    private @Nullable ExecutorService executor;
    private int generation;
    private boolean loading;

    HistoryLoader(Listener listener) {
        this.listener = listener;
    }

    /** Starts loading at most {@code maxPositions} positions of {@code vehicleId} in {@code range}. */
    void load(TrackerApi api, String vehicleId, TimeRange range, int maxPositions) {
        int current = ++generation;
        loading = true;
        executor().execute(() -> fetch(api, vehicleId, range, maxPositions, current));
    }

    boolean isLoading() {
        return loading;
    }

    /** Drops the outcome of a running load and ends the thread. */
    void close() {
        generation++;
        loading = false;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void fetch(TrackerApi api, String vehicleId, TimeRange range, int maxPositions, int loadGeneration) {
        try {
            List<HistoryPosition> positions = api.positions(vehicleId, range.from(), range.to(), maxPositions);
            Platform.runLater(() -> {
                if (finish(loadGeneration)) {
                    listener.onLoaded(vehicleId, range, positions);
                }
            });
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Loading the positions of vehicle {} from {} to {} failed: {}",
                    vehicleId,
                    range.from(),
                    range.to(),
                    e.getMessage());
            log.debug("Loading positions failed", e);
            Platform.runLater(() -> {
                if (finish(loadGeneration)) {
                    listener.onFailed(vehicleId, e);
                }
            });
        }
    }

    /** Ends the load on the FX thread and returns whether it is the latest one. */
    private boolean finish(int loadGeneration) {
        if (loadGeneration != generation) {
            return false;
        }
        loading = false;
        return true;
    }

    private ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "history-loader");
                thread.setDaemon(true);
                return thread;
            });
        }
        return executor;
    }

    /** Receives the outcome of the latest load on the FX thread. */
    interface Listener {

        void onLoaded(String vehicleId, TimeRange range, List<HistoryPosition> positions);

        void onFailed(String vehicleId, Exception error);
    }
}
