package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.DraftStop;
import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.JobDraft;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.console.internal.outbox.ConsoleActions;
import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.console.internal.ui.JobStatusPane.CreatedJob;
import org.fleettracker.protocol.api.JobProgress;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Dispatch tab: a job for the chosen vehicle built by clicking stops on the map, the vehicle's job progress,
 * and commands with their status.
 *
 * <p>The outbox and the event feed come from {@link #setActions} and {@link #setEventFeed}; without them the tab
 * shows what it can and explains why it cannot send. Use it on the FX thread.
 */
final class DispatchView {

    private static final Logger log = LoggerFactory.getLogger(DispatchView.class);

    private final MapView map;
    private final Clock clock;
    private final ZoneId zone = ZoneId.systemDefault();
    private final ComboBox<String> vehicleChoice = new ComboBox<>();
    private final JobStopsOverlay overlay = new JobStopsOverlay();
    private final JobEditor editor = new JobEditor(this::updateOverlay, this::setAddMode);
    private final Label errors = new Label();
    private final Button createJob = new Button("Create job");
    private final JobStatusPane status = new JobStatusPane(this::retryJob);
    private final CommandPane commands;
    private final ScrollPane root;
    private final Map<String, CreatedJob> lastJobByVehicle = new HashMap<>();
    private @Nullable ConsoleActions actions;
    private @Nullable EventFeed feed;
    private @Nullable JobProgress shownProgress;
    private long shownFeedVersion = -1;
    private boolean shown;
    private int listedVehicleCount = -1;

    DispatchView(MapView map, Clock clock) {
        this.map = map;
        this.clock = clock;
        this.commands = new CommandPane(clock, vehicleChoice::getValue);
        vehicleChoice.setPromptText("Choose a vehicle");
        vehicleChoice.setMaxWidth(Double.MAX_VALUE);
        vehicleChoice.valueProperty().addListener((property, was, vehicleId) -> onVehicleChosen());
        errors.getStyleClass().add("validation-error");
        errors.setWrapText(true);
        createJob.setOnAction(event -> createJob());
        VBox content = new VBox(
                8,
                new HBox(6, new Label("Vehicle"), vehicleChoice),
                heading("New job"),
                editor.node(),
                errors,
                createJob,
                heading("Job progress"),
                status.node(),
                heading("Commands"),
                commands.node());
        content.getStyleClass().add("side-tab-content");
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        showErrors(List.of());
    }

    Node node() {
        return root;
    }

    void setActions(@Nullable ConsoleActions newActions) {
        actions = newActions;
        commands.setActions(newActions);
    }

    void setEventFeed(@Nullable EventFeed newFeed) {
        feed = newFeed;
    }

    /** Draws the job's stops on the map while the tab is shown, and ends the Add stops mode when it is hidden. */
    void setShown(boolean isShown) {
        if (shown == isShown) {
            return;
        }
        shown = isShown;
        if (isShown) {
            map.addOverlay(overlay);
        } else {
            editor.setAddMode(false);
            map.removeOverlay(overlay);
        }
    }

    /** Makes {@code vehicleId} the vehicle of new jobs and commands, as when it is selected in the table. */
    void chooseVehicle(@Nullable String vehicleId) {
        if (vehicleId != null) {
            vehicleChoice.setValue(vehicleId);
        }
    }

    /** Updates the tab after a frame: the vehicle list when the fleet changed, statuses once a second or on news. */
    void onFrame(FleetModel model, boolean modelChanged, boolean newSecond) {
        if (modelChanged) {
            syncVehicleIds(model);
        }
        long feedVersion = feed == null ? 0 : feed.version();
        if (!modelChanged && !newSecond && feedVersion == shownFeedVersion) {
            return;
        }
        shownFeedVersion = feedVersion;
        Map<String, OutboxEntry> entries = latestEntries();
        refreshCreatedJobs(entries);
        String vehicleId = vehicleChoice.getValue();
        VehicleState state = vehicleId == null
                ? null
                : model.vehicle(vehicleId).flatMap(VehicleTrack::state).orElse(null);
        shownProgress = state == null ? null : state.job();
        status.update(vehicleId == null ? null : lastJobByVehicle.get(vehicleId), shownProgress);
        commands.refresh(entries, feed);
        updateOverlay();
    }

    /** Adds a stop at {@code location}, as a map click in Add stops mode does. */
    DraftStop addStop(GeoPoint location) {
        return editor.addStop(location);
    }

    void setAddMode(boolean on) {
        editor.setAddMode(on);
        map.setOnMapClick(on ? this::addStop : null);
    }

    /** Validates the draft and queues the job; returns false and shows the problems when it is invalid. */
    boolean createJob() {
        List<String> problems = new ArrayList<>();
        String vehicleId = vehicleChoice.getValue();
        if (vehicleId == null) {
            problems.add("Choose a vehicle for the job.");
        }
        ConsoleActions target = actions;
        if (target == null) {
            problems.add("Jobs need the tracker's HTTP API: start the console with --api-url.");
        }
        JobDraft.Result result = editor.draft().build(LocalDate.now(clock.withZone(zone)), zone);
        problems.addAll(result.errors());
        if (!problems.isEmpty() || vehicleId == null || target == null) {
            showErrors(problems);
            return false;
        }
        OutboxEntry entry = target.createJob(vehicleId, result.stops());
        log.info(
                "Queued job {} with {} stops for vehicle {}",
                entry.key(),
                result.stops().size(),
                vehicleId);
        lastJobByVehicle.put(vehicleId, new CreatedJob(entry.key(), vehicleId, result.stops(), entry));
        showErrors(List.of());
        editor.setAddMode(false);
        editor.clear();
        status.update(lastJobByVehicle.get(vehicleId), shownProgress);
        return true;
    }

    /**
     * Queues the chosen vehicle's failed job again under its job id, as the Retry button does; returns false when
     * there is none.
     */
    boolean retryJob() {
        ConsoleActions target = actions;
        String vehicleId = vehicleChoice.getValue();
        CreatedJob created = vehicleId == null ? null : lastJobByVehicle.get(vehicleId);
        if (target == null || created == null || created.entry().status() != OutboxEntry.Status.FAILED) {
            return false;
        }
        OutboxEntry queued = target.retry(created.jobId());
        if (queued == null) {
            showErrors(List.of("The job " + created.jobId() + " is no longer in the outbox; create it again."));
            return false;
        }
        log.info("Queued failed job {} for vehicle {} again", created.jobId(), vehicleId);
        lastJobByVehicle.put(vehicleId, created.withEntry(queued));
        showErrors(List.of());
        status.update(lastJobByVehicle.get(vehicleId), shownProgress);
        return true;
    }

    boolean canRetryJob() {
        return status.canRetry();
    }

    JobDraft draft() {
        return editor.draft();
    }

    boolean isAddMode() {
        return editor.isAddMode();
    }

    /** Returns the validation problems shown under the stops, one per line; empty when there are none. */
    String errorText() {
        return errors.getText();
    }

    List<String> jobStatusLines() {
        return status.lines();
    }

    List<String> commandRows() {
        return commands.rows();
    }

    CommandPane commands() {
        return commands;
    }

    /** Returns the stops the overlay draws, for tests. */
    List<JobStopsOverlay.StopMark> drawnStops() {
        return overlay.stops();
    }

    private void onVehicleChosen() {
        shownFeedVersion = -1;
        updateOverlay();
    }

    private void syncVehicleIds(FleetModel model) {
        // The model never drops a vehicle, so the same count means the same ids, and the list of thousands is not
        // built and compared on every frame.
        if (model.size() == listedVehicleCount) {
            return;
        }
        listedVehicleCount = model.size();
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

    private Map<String, OutboxEntry> latestEntries() {
        Map<String, OutboxEntry> entries = new HashMap<>();
        if (actions != null) {
            for (OutboxEntry entry : actions.entries()) {
                entries.put(entry.key(), entry);
            }
        }
        return entries;
    }

    private void refreshCreatedJobs(Map<String, OutboxEntry> entries) {
        lastJobByVehicle.replaceAll((vehicleId, job) -> {
            OutboxEntry latest = entries.get(job.jobId());
            return latest == null ? job : job.withEntry(latest);
        });
    }

    /** Draws the draft's stops while there are any, otherwise the stops of the vehicle's job created here. */
    private void updateOverlay() {
        List<JobStopsOverlay.StopMark> marks = new ArrayList<>();
        if (!editor.draft().isEmpty()) {
            for (DraftStop stop : editor.draft().stops()) {
                marks.add(new JobStopsOverlay.StopMark(stop.location(), stop.kind(), radiusForDrawing(stop), false));
            }
        } else {
            String vehicleId = vehicleChoice.getValue();
            CreatedJob created = vehicleId == null ? null : lastJobByVehicle.get(vehicleId);
            if (created != null) {
                addCreatedMarks(created, marks);
            }
        }
        if (!marks.equals(overlay.stops())) {
            overlay.setStops(marks);
            map.requestRedraw();
        }
    }

    private void addCreatedMarks(CreatedJob created, List<JobStopsOverlay.StopMark> marks) {
        JobProgress progress = shownProgress;
        int done = progress != null && progress.jobId().equals(created.jobId()) ? progress.stopsDone() : 0;
        for (int i = 0; i < created.stops().size(); i++) {
            JobStop stop = created.stops().get(i);
            GeoPoint at = new GeoPoint(stop.latitudeDeg(), stop.longitudeDeg());
            marks.add(new JobStopsOverlay.StopMark(at, stop.kind(), stop.radiusM(), i < done));
        }
    }

    /** Returns the typed radius for drawing, or the smallest allowed one while the text is not a valid number. */
    private static double radiusForDrawing(DraftStop stop) {
        try {
            double radiusM = Double.parseDouble(stop.radiusText().strip());
            return Math.max(JobStop.MIN_RADIUS_M, Math.min(JobStop.MAX_RADIUS_M, radiusM));
        } catch (NumberFormatException e) {
            return JobStop.MIN_RADIUS_M;
        }
    }

    private void showErrors(List<String> problems) {
        errors.setText(String.join("\n", problems));
        errors.setManaged(!problems.isEmpty());
        errors.setVisible(!problems.isEmpty());
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-heading");
        return label;
    }
}
