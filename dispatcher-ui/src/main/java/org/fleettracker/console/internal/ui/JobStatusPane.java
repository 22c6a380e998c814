package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.protocol.api.JobProgress;
import org.fleettracker.protocol.api.JobStop;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The status of the chosen vehicle's job: the outbox status of the job last created here for it, and the vehicle's
 * own progress from its state, with each stop's ETA. Use it on the FX thread.
 */
final class JobStatusPane {

    private final Label outbox = new Label();
    private final Button retry = new Button("Retry failed job");
    private final Label header = new Label();
    private final VBox stopRows = new VBox(2);
    private final VBox root = new VBox(4, outbox, retry, header, stopRows);

    /** Creates the pane; {@code onRetry} queues a failed job again. */
    JobStatusPane(Runnable onRetry) {
        outbox.setWrapText(true);
        retry.setOnAction(event -> onRetry.run());
        header.getStyleClass().add("job-header");
        header.setWrapText(true);
        update(null, null);
    }

    Node node() {
        return root;
    }

    /**
     * Shows {@code created}, the job last created from this console for the vehicle, and {@code progress}, the
     * vehicle's current job from its state; either may be null.
     */
    void update(@Nullable CreatedJob created, @Nullable JobProgress progress) {
        outbox.setText(created == null ? "" : "Job " + created.jobId() + ": " + outboxStatus(created.entry()));
        outbox.setManaged(created != null);
        outbox.setVisible(created != null);
        boolean failed = created != null && created.entry().status() == OutboxEntry.Status.FAILED;
        retry.setManaged(failed);
        retry.setVisible(failed);
        if (progress == null) {
            header.setText("No current job.");
            stopRows.getChildren().clear();
            return;
        }
        header.setText("Current job " + progress.jobId() + ": " + progress.stopsDone() + " of " + progress.stopsTotal()
                + " stops done");
        List<JobStop> stops = created != null && created.jobId().equals(progress.jobId()) ? created.stops() : List.of();
        List<String> rows = rows(progress, stops);
        List<Label> labels = new ArrayList<>(rows.size());
        for (String row : rows) {
            labels.add(new Label(row));
        }
        stopRows.getChildren().setAll(labels);
    }

    /** Returns the texts the pane shows, line by line, for tests. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (outbox.isVisible()) {
            lines.add(outbox.getText());
        }
        lines.add(header.getText());
        for (Node row : stopRows.getChildren()) {
            lines.add(((Label) row).getText());
        }
        return lines;
    }

    /** Returns whether the Retry button shows, which it does for a failed job. */
    boolean canRetry() {
        return retry.isVisible();
    }

    static String outboxStatus(OutboxEntry entry) {
        return switch (entry.status()) {
            case PENDING -> "pending (outbox)";
            case SENT -> "sent";
            case FAILED -> entry.detail() == null ? "failed" : "failed: " + entry.detail();
        };
    }

    /** Returns one line per stop: done ones first, then the remaining ones with distance and ETA. */
    private static List<String> rows(JobProgress progress, List<JobStop> stops) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < progress.stopsDone(); i++) {
            String name = i < stops.size() ? stops.get(i).name() : "stop";
            rows.add("✓ " + (i + 1) + ". " + name + ": done");
        }
        int number = progress.stopsDone();
        for (JobProgress.StopEta eta : progress.remaining()) {
            number++;
            rows.add(number + ". " + stopName(eta.stopId(), stops) + ": " + Formats.distance(eta.distanceM())
                    + ", " + (eta.etaTime() == null ? "no ETA" : "ETA " + Formats.localTime(eta.etaTime()))
                    + (eta.atRisk() ? ", late for its window" : ""));
        }
        return rows;
    }

    // TODO: only jobs created since this console started show stop names, because states carry stop ids only.
    private static String stopName(String stopId, List<JobStop> stops) {
        for (JobStop stop : stops) {
            if (stop.stopId().equals(stopId)) {
                return stop.name();
            }
        }
        return stopId;
    }

    /**
     * A job created from this console.
     *
     * @param stops the stops as sent, whose names the progress rows show
     * @param entry the latest outbox entry of the job
     */
    record CreatedJob(String jobId, String vehicleId, List<JobStop> stops, OutboxEntry entry) {

        CreatedJob {
            stops = List.copyOf(stops);
        }

        CreatedJob withEntry(OutboxEntry newEntry) {
            return new CreatedJob(jobId, vehicleId, stops, newEntry);
        }
    }
}
