package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.api.HistoryPosition;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.GeoBounds;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.Playback;
import org.fleettracker.console.internal.model.PlaybackRangeChoice;
import org.fleettracker.console.internal.model.PlaybackSpeed;
import org.fleettracker.console.internal.model.SpeedSample;
import org.fleettracker.console.internal.model.TimeRange;
import org.fleettracker.protocol.api.Ids;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The History tab: loads a vehicle's stored positions for a time range off the FX thread and replays them on the
 * map, with a timeline, play and pause, a speed choice and the speed chart.
 *
 * <p>The playback clock advances on the FX pulse through an {@link AnimationTimer} that runs only while playing.
 * Use it on the FX thread.
 */
final class PlaybackView implements HistoryLoader.Listener {

    private final MapView map;
    private final PlaybackRangePicker picker;
    private final HistoryLoader loader = new HistoryLoader(this);
    private final Button load = new Button("Load");
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label message = new Label();
    private final Slider timeline = new Slider(0, 1, 0);
    private final Button playPause = new Button("Play");
    private final ChoiceBox<PlaybackSpeed> speedChoice =
            new ChoiceBox<>(FXCollections.observableArrayList(PlaybackSpeed.values()));
    private final Label clockLabel = new Label();
    private final SpeedChart chart = new SpeedChart();
    private final PlaybackOverlay overlay = new PlaybackOverlay();
    private final AnimationTimer timer;
    private final ScrollPane root;
    private @Nullable TrackerApi api;
    private @Nullable Playback playback;
    private boolean movingTimeline;
    private long lastPulseNanos = -1;
    private long cursorSecond = Long.MIN_VALUE;
    private boolean shown;

    PlaybackView(MapView map, Clock clock) {
        this.map = map;
        this.picker = new PlaybackRangePicker(clock, ZoneId.systemDefault());
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long nowNanos) {
                onPulse(nowNanos);
            }
        };
        load.setOnAction(event -> load());
        progress.setPrefSize(20, 20);
        message.setWrapText(true);
        VBox content = new VBox(8, picker.node(), new HBox(8, load, progress), message, controls(), chart.node());
        content.getStyleClass().add("side-tab-content");
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        progress.setVisible(false);
        showPlayback();
    }

    Node node() {
        return root;
    }

    void setTrackerApi(@Nullable TrackerApi newApi) {
        api = newApi;
    }

    /** Draws the replay on the map while the tab is shown; hiding the tab pauses the replay. */
    void setShown(boolean isShown) {
        if (shown == isShown) {
            return;
        }
        shown = isShown;
        if (isShown) {
            map.addOverlay(overlay);
        } else {
            pause();
            map.removeOverlay(overlay);
        }
    }

    /** Suggests {@code vehicleId} for the next load, as when it is selected in the table. */
    void chooseVehicle(@Nullable String vehicleId) {
        if (vehicleId != null) {
            picker.chooseVehicle(vehicleId);
        }
    }

    void syncVehicleIds(FleetModel model) {
        picker.syncVehicleIds(model);
    }

    /** Stops the replay and the loader thread. */
    void stop() {
        timer.stop();
        loader.close();
    }

    void setRange(PlaybackRangeChoice choice) {
        picker.setRange(choice);
    }

    void setCustomRange(String fromText, String toText) {
        picker.setCustomRange(fromText, toText);
    }

    void setSpeed(PlaybackSpeed speed) {
        speedChoice.setValue(speed);
    }

    /**
     * Starts loading the chosen vehicle's positions in the chosen range. Returns false and shows the reason when the
     * input is invalid or no tracker API is set. A new load replaces one still running.
     */
    boolean load() {
        String vehicleId = picker.vehicleId();
        if (vehicleId.isEmpty() || !Ids.isValid(vehicleId)) {
            showMessage(vehicleId.isEmpty() ? "Choose a vehicle." : "The vehicle id '" + vehicleId + "' is invalid.");
            return false;
        }
        TrackerApi target = api;
        if (target == null) {
            showMessage("History needs the tracker's HTTP API: start the console with --api-url.");
            return false;
        }
        TimeRange range;
        try {
            range = picker.range();
        } catch (IllegalArgumentException e) {
            showMessage(e.getMessage());
            return false;
        }
        pause();
        // Requesting one position more than the cap shows whether the range has more than the playback keeps.
        loader.load(target, vehicleId, range, ConsoleConfig.PLAYBACK_MAX_POSITIONS + 1);
        showLoading();
        showMessage("Loading the positions of " + vehicleId + "…");
        return true;
    }

    @Override
    public void onLoaded(String vehicleId, TimeRange range, List<HistoryPosition> positions) {
        showLoading();
        int max = ConsoleConfig.PLAYBACK_MAX_POSITIONS;
        boolean capped = positions.size() > max;
        Playback loaded =
                new Playback(range, capped ? positions.subList(0, max) : positions, ConsoleConfig.PLAYBACK_MAX_GAP);
        loaded.setSpeed(speedChoice.getValue());
        playback = loaded;
        overlay.setPlayback(loaded);
        timeline.setMax(range.length().toSeconds());
        chart.setSamples(speedSamples(loaded.fixes()));
        chart.setTimeRange(range);
        showMessage(loadedMessage(vehicleId, range, loaded, capped));
        GeoBounds.around(points(loaded.fixes())).ifPresent(map::showBounds);
        showPlayback();
    }

    @Override
    public void onFailed(String vehicleId, Exception error) {
        showLoading();
        showMessage("Loading the positions of " + vehicleId + " failed: " + error.getMessage()
                + ". Check that the tracker is running, then load again.");
    }

    void play() {
        Playback current = playback;
        if (current == null || !current.play()) {
            return;
        }
        lastPulseNanos = -1;
        timer.start();
        showPlayback();
    }

    void pause() {
        Playback current = playback;
        if (current != null) {
            current.pause();
        }
        timer.stop();
        showPlayback();
    }

    /** Moves the playback clock to {@code time}, as dragging the timeline does. */
    void seek(Instant time) {
        Playback current = playback;
        if (current != null) {
            current.seek(time);
            showPlayback();
        }
    }

    @Nullable
    Playback playback() {
        return playback;
    }

    boolean isLoading() {
        return loader.isLoading();
    }

    String messageText() {
        return message.getText();
    }

    /** Returns the time of the speed chart's cursor, or null when it shows none. */
    @Nullable
    Instant chartCursor() {
        return cursorSecond == Long.MIN_VALUE ? null : Instant.ofEpochSecond(cursorSecond);
    }

    /** Returns the timeline's position: seconds since the start of the range. */
    double timelineSeconds() {
        return timeline.getValue();
    }

    private String loadedMessage(String vehicleId, TimeRange range, Playback loaded, boolean capped) {
        String span = Formats.localTime(range.from()) + " to " + Formats.localTime(range.to());
        if (loaded.isEmpty()) {
            return "No positions of " + vehicleId + " from " + span + ".";
        }
        String text = loaded.fixes().size() + " positions of " + vehicleId + " from " + span + ".";
        if (capped) {
            text += " The range has more than " + ConsoleConfig.PLAYBACK_MAX_POSITIONS
                    + " positions, so only the first ones are shown. Choose a shorter range to see the rest.";
        }
        return text;
    }

    private void onPulse(long nowNanos) {
        Playback current = playback;
        if (current == null) {
            timer.stop();
            return;
        }
        if (lastPulseNanos >= 0) {
            current.advance(Duration.ofNanos(nowNanos - lastPulseNanos));
        }
        lastPulseNanos = nowNanos;
        if (!current.isPlaying()) {
            timer.stop();
        }
        showPlayback();
    }

    /** Moves the timeline, clock text, chart cursor and map marker to the playback clock. */
    private void showPlayback() {
        Playback current = playback;
        boolean ready = current != null && !current.isEmpty();
        timeline.setDisable(!ready);
        playPause.setDisable(!ready);
        playPause.setText(current != null && current.isPlaying() ? "Pause" : "Play");
        if (current == null) {
            clockLabel.setText("");
            chart.setCursor(null);
            cursorSecond = Long.MIN_VALUE;
            return;
        }
        Instant time = current.currentTime();
        movingTimeline = true;
        try {
            timeline.setValue(Duration.between(current.range().from(), time).toMillis() / 1000.0);
        } finally {
            movingTimeline = false;
        }
        clockLabel.setText(Formats.localTime(time));
        // The chart's time axis is in whole seconds, so the cursor is moved only when the second changes.
        if (time.getEpochSecond() != cursorSecond) {
            cursorSecond = time.getEpochSecond();
            chart.setCursor(time);
        }
        map.requestRedraw();
    }

    private VBox controls() {
        speedChoice.setConverter(PlaybackRangePicker.labelled(PlaybackSpeed::label));
        speedChoice.setValue(PlaybackSpeed.X60);
        speedChoice.valueProperty().addListener((property, was, speed) -> {
            Playback current = playback;
            if (current != null && speed != null) {
                current.setSpeed(speed);
            }
        });
        playPause.setOnAction(event -> {
            Playback current = playback;
            if (current != null && current.isPlaying()) {
                pause();
            } else {
                play();
            }
        });
        timeline.valueProperty().addListener((property, was, seconds) -> onTimelineMoved(seconds.doubleValue()));
        return new VBox(6, timeline, new HBox(8, playPause, new Label("Speed"), speedChoice, clockLabel));
    }

    private void onTimelineMoved(double seconds) {
        Playback current = playback;
        if (movingTimeline || current == null) {
            return;
        }
        current.seek(current.range().from().plusMillis(Math.round(seconds * 1000)));
        showPlayback();
    }

    private void showLoading() {
        boolean loading = loader.isLoading();
        progress.setVisible(loading);
        load.setText(loading ? "Load again" : "Load");
    }

    private void showMessage(@Nullable String text) {
        message.setText(text == null ? "" : text);
    }

    private static List<SpeedSample> speedSamples(List<HistoryPosition> fixes) {
        List<SpeedSample> samples = new ArrayList<>(fixes.size());
        for (HistoryPosition fix : fixes) {
            Double speedKmh = fix.speedKmh();
            if (speedKmh != null) {
                samples.add(new SpeedSample(fix.fixTime(), speedKmh));
            }
        }
        return samples;
    }

    private static List<GeoPoint> points(List<HistoryPosition> fixes) {
        List<GeoPoint> points = new ArrayList<>(fixes.size());
        for (HistoryPosition fix : fixes) {
            points.add(new GeoPoint(fix.latitudeDeg(), fix.longitudeDeg()));
        }
        return points;
    }
}
