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
import org.fleettracker.console.internal.model.ScreenTimes;
import org.fleettracker.console.internal.model.SpeedSample;
import org.fleettracker.console.internal.model.TimeRange;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.protocol.api.Ids;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The History tab: loads a vehicle's stored positions for a time range on a background thread and replays them on
 * the map, with a timeline, play and pause, a speed choice and the speed chart.
 *
 * <p>The playback clock advances on the FX pulse through an {@link AnimationTimer} that runs only while playing.
 * Use it on the FX thread, except for the loader thread it starts itself.
 */
final class PlaybackView {

    private static final Logger log = LoggerFactory.getLogger(PlaybackView.class);

    private final MapView map;
    private final Clock clock;
    private final ZoneId zone = ZoneId.systemDefault();
    private final ComboBox<String> vehicleChoice = new ComboBox<>();
    private final ChoiceBox<PlaybackRangeChoice> rangeChoice =
            new ChoiceBox<>(FXCollections.observableArrayList(PlaybackRangeChoice.values()));
    private final TextField customFrom = new TextField();
    private final TextField customTo = new TextField();
    private final GridPane customRange = new GridPane();
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
    private @Nullable ExecutorService loader;
    private @Nullable Playback playback;
    private int loadGeneration;
    private boolean loading;
    private boolean movingSlider;
    private long lastFrameNanos = -1;
    private long cursorSecond = Long.MIN_VALUE;
    private boolean shown;

    PlaybackView(MapView map, Clock clock) {
        this.map = map;
        this.clock = clock;
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long nowNanos) {
                onPulse(nowNanos);
            }
        };
        VBox content = new VBox(8, selectors(), new HBox(8, load, progress), message, controls(), chart.node());
        content.getStyleClass().add("side-tab-content");
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        showLoading(false);
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
            vehicleChoice.setValue(vehicleId);
        }
    }

    /** Lists the fleet's vehicles in the vehicle choice after the fleet changed. */
    void syncVehicleIds(FleetModel model) {
        List<String> ids = new ArrayList<>();
        for (VehicleTrack track : model.vehicles()) {
            ids.add(track.vehicleId());
        }
        ids.sort(null);
        if (!ids.equals(vehicleChoice.getItems())) {
            String chosen = vehicleChoice.getValue();
            vehicleChoice.getItems().setAll(ids);
            vehicleChoice.setValue(chosen);
        }
    }

    /** Stops the replay and the loader thread. */
    void stop() {
        timer.stop();
        loadGeneration++;
        if (loader != null) {
            loader.shutdownNow();
        }
    }

    void setRange(PlaybackRangeChoice choice) {
        rangeChoice.setValue(choice);
    }

    void setCustomRange(String fromText, String toText) {
        rangeChoice.setValue(PlaybackRangeChoice.CUSTOM);
        customFrom.setText(fromText);
        customTo.setText(toText);
    }

    void setSpeed(PlaybackSpeed speed) {
        speedChoice.setValue(speed);
    }

    /**
     * Starts loading the chosen vehicle's positions in the chosen range; returns false and shows why when the input
     * is invalid or no tracker API is configured. A new load replaces one still running.
     */
    boolean load() {
        String vehicleId = chosenVehicle();
        if (vehicleId.isEmpty() || !Ids.isValid(vehicleId)) {
            showMessage(vehicleId.isEmpty() ? "Choose a vehicle." : "Vehicle id '" + vehicleId + "' is invalid.");
            return false;
        }
        TrackerApi target = api;
        if (target == null) {
            showMessage("History needs the tracker's HTTP API: start the console with --api-url.");
            return false;
        }
        TimeRange range;
        try {
            range = chosenRange();
        } catch (IllegalArgumentException e) {
            showMessage(e.getMessage());
            return false;
        }
        int generation = ++loadGeneration;
        pause();
        showLoading(true);
        showMessage("Loading positions of " + vehicleId + "…");
        loaderThread().execute(() -> fetch(target, vehicleId, range, generation));
        return true;
    }

    void play() {
        Playback current = playback;
        if (current == null || !current.play()) {
            return;
        }
        lastFrameNanos = -1;
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
        return loading;
    }

    String messageText() {
        return message.getText();
    }

    /** Returns the time of the speed chart's cursor, or null when it shows none. */
    @Nullable
    Instant chartCursor() {
        return cursorSecond == Long.MIN_VALUE ? null : Instant.ofEpochSecond(cursorSecond);
    }

    double timelineSeconds() {
        return timeline.getValue();
    }

    private void fetch(TrackerApi target, String vehicleId, TimeRange range, int generation) {
        try {
            // One position more than the cap tells whether the range has more than the playback shows.
            List<HistoryPosition> positions =
                    target.positions(vehicleId, range.from(), range.to(), ConsoleConfig.PLAYBACK_MAX_POSITIONS + 1);
            Platform.runLater(() -> onLoaded(vehicleId, range, positions, generation));
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Loading the positions of vehicle {} from {} to {} failed: {}",
                    vehicleId,
                    range.from(),
                    range.to(),
                    e.getMessage());
            log.debug("Loading positions failed", e);
            Platform.runLater(() -> onFailed(vehicleId, e, generation));
        }
    }

    private void onLoaded(String vehicleId, TimeRange range, List<HistoryPosition> positions, int generation) {
        if (generation != loadGeneration) {
            return;
        }
        showLoading(false);
        int max = ConsoleConfig.PLAYBACK_MAX_POSITIONS;
        boolean capped = positions.size() > max;
        Playback loaded =
                new Playback(range, capped ? positions.subList(0, max) : positions, ConsoleConfig.PLAYBACK_MAX_GAP);
        loaded.setSpeed(speedChoice.getValue());
        playback = loaded;
        overlay.setPlayback(loaded);
        timeline.setMax(range.length().toSeconds());
        chart.setSamples(speedSamples(loaded.fixes()));
        showMessage(loadedMessage(vehicleId, range, loaded, capped));
        GeoBounds.around(points(loaded.fixes())).ifPresent(map::showBounds);
        showPlayback();
    }

    private void onFailed(String vehicleId, Exception error, int generation) {
        if (generation != loadGeneration) {
            return;
        }
        showLoading(false);
        showMessage("Loading the positions of " + vehicleId + " failed: " + error.getMessage()
                + ". Check that the tracker is running, then load again.");
    }

    private String loadedMessage(String vehicleId, TimeRange range, Playback loaded, boolean capped) {
        String span = Formats.localTime(range.from()) + " to " + Formats.localTime(range.to());
        if (loaded.isEmpty()) {
            return "No positions of " + vehicleId + " from " + span + ".";
        }
        String text = loaded.fixes().size() + " positions of " + vehicleId + " from " + span + ".";
        if (capped) {
            text += " The range has more than " + ConsoleConfig.PLAYBACK_MAX_POSITIONS
                    + " positions; only the first ones are shown. Choose a shorter range to see the rest.";
        }
        return text;
    }

    private void onPulse(long nowNanos) {
        Playback current = playback;
        if (current == null) {
            timer.stop();
            return;
        }
        if (lastFrameNanos >= 0) {
            current.advance(Duration.ofNanos(nowNanos - lastFrameNanos));
        }
        lastFrameNanos = nowNanos;
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
        movingSlider = true;
        try {
            timeline.setValue(Duration.between(current.range().from(), time).toMillis() / 1000.0);
        } finally {
            movingSlider = false;
        }
        clockLabel.setText(Formats.localTime(time));
        if (time.getEpochSecond() != cursorSecond) {
            cursorSecond = time.getEpochSecond();
            chart.setCursor(time);
        }
        map.requestRedraw();
    }

    private GridPane selectors() {
        vehicleChoice.setEditable(true);
        vehicleChoice.setPromptText("Vehicle id");
        rangeChoice.setConverter(labels(PlaybackRangeChoice::label));
        rangeChoice.setValue(PlaybackRangeChoice.LAST_1_H);
        rangeChoice.valueProperty().addListener((property, was, choice) -> onRangeChoice(choice));
        customFrom.setPromptText(ScreenTimes.FORMATS);
        customTo.setPromptText(ScreenTimes.FORMATS);
        customRange.setHgap(6);
        customRange.setVgap(4);
        customRange.addRow(0, new Label("From"), customFrom);
        customRange.addRow(1, new Label("To"), customTo);
        onRangeChoice(rangeChoice.getValue());
        load.setOnAction(event -> load());
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        grid.addRow(0, new Label("Vehicle"), vehicleChoice);
        grid.addRow(1, new Label("Range"), rangeChoice);
        grid.add(customRange, 0, 2, 2, 1);
        return grid;
    }

    private VBox controls() {
        speedChoice.setConverter(labels(PlaybackSpeed::label));
        speedChoice.setValue(PlaybackSpeed.X60);
        speedChoice.valueProperty().addListener((property, was, speed) -> {
            if (playback != null && speed != null) {
                playback.setSpeed(speed);
            }
        });
        playPause.setOnAction(event -> {
            if (playback != null && playback.isPlaying()) {
                pause();
            } else {
                play();
            }
        });
        timeline.valueProperty().addListener((property, was, seconds) -> onTimelineMoved(seconds.doubleValue()));
        message.setWrapText(true);
        return new VBox(6, timeline, new HBox(8, playPause, new Label("Speed"), speedChoice, clockLabel));
    }

    private void onTimelineMoved(double seconds) {
        Playback current = playback;
        if (movingSlider || current == null) {
            return;
        }
        current.seek(current.range().from().plusMillis(Math.round(seconds * 1000)));
        showPlayback();
    }

    private void onRangeChoice(@Nullable PlaybackRangeChoice choice) {
        boolean custom = choice != null && choice.isCustom();
        customRange.setManaged(custom);
        customRange.setVisible(custom);
        if (custom && customFrom.getText().isBlank() && customTo.getText().isBlank()) {
            TimeRange lastHour = PlaybackRangeChoice.LAST_1_H.endingAt(clock.instant());
            customFrom.setText(ScreenTimes.format(lastHour.from(), zone));
            customTo.setText(ScreenTimes.format(lastHour.to(), zone));
        }
    }

    private TimeRange chosenRange() {
        PlaybackRangeChoice choice = rangeChoice.getValue();
        if (choice == null || !choice.isCustom()) {
            return (choice == null ? PlaybackRangeChoice.LAST_1_H : choice).endingAt(clock.instant());
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Instant from = ScreenTimes.parse(customFrom.getText(), today, zone);
        Instant to = ScreenTimes.parse(customTo.getText(), today, zone);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("The end " + customTo.getText().strip() + " is not after the start "
                    + customFrom.getText().strip() + ".");
        }
        return new TimeRange(from, to);
    }

    private String chosenVehicle() {
        String typed = vehicleChoice.getEditor().getText();
        return typed == null ? "" : typed.strip();
    }

    private ExecutorService loaderThread() {
        if (loader == null) {
            loader = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "playback-loader");
                thread.setDaemon(true);
                return thread;
            });
        }
        return loader;
    }

    private void showLoading(boolean isLoading) {
        loading = isLoading;
        progress.setVisible(isLoading);
        progress.setPrefSize(20, 20);
        load.setText(isLoading ? "Load again" : "Load");
    }

    private void showMessage(@Nullable String text) {
        message.setText(text == null ? "" : text);
    }

    private static List<SpeedSample> speedSamples(List<HistoryPosition> fixes) {
        List<SpeedSample> samples = new ArrayList<>(fixes.size());
        for (HistoryPosition fix : fixes) {
            if (fix.speedKmh() != null) {
                samples.add(new SpeedSample(fix.fixTime(), fix.speedKmh()));
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

    private static <T> StringConverter<T> labels(Function<T, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(@Nullable T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("the choice is not typed in");
            }
        };
    }
}
