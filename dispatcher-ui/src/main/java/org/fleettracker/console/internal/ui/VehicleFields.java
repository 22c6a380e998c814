package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.protocol.api.JobProgress;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The grid of the vehicle details: one label and value per {@link Field}, two fields per line. */
final class VehicleFields {

    /** A field of the details, with its label. */
    enum Field {
        FLEET("Fleet"),
        STATUS("Status"),
        SPEED("Speed"),
        HEADING("Heading"),
        LAST_FIX("Last fix"),
        FIX_AGE("Fix age"),
        DISTANCE("Distance"),
        ONLINE("Online"),
        JOB("Job"),
        NEXT_STOP("Next stop");

        private final String label;

        Field(String label) {
            this.label = label;
        }
    }

    private static final String NONE = "–";
    private static final double VALUE_MIN_WIDTH_PX = 60;

    private final GridPane grid = new GridPane();
    private final Map<Field, Label> values = new EnumMap<>(Field.class);

    VehicleFields() {
        grid.getStyleClass().add("details-fields");
        grid.setHgap(8);
        grid.setVgap(3);
        addColumns();
        for (Field field : Field.values()) {
            Label name = new Label(field.label);
            name.getStyleClass().add("details-label");
            // A long value, such as a job id, is cut with an ellipsis; the labels keep their width.
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label(NONE);
            value.getStyleClass().add("details-value");
            values.put(field, value);
            int column = field.ordinal() % 2 * 2;
            int row = field.ordinal() / 2;
            grid.add(name, column, row);
            grid.add(value, column + 1, row);
        }
    }

    Node node() {
        return grid;
    }

    /**
     * Sizes the value columns by the space left, not by their text, so that a long value such as a job id is cut
     * with an ellipsis instead of pushing the other columns out of the panel.
     */
    private void addColumns() {
        for (int column = 0; column < 4; column++) {
            ColumnConstraints constraints = new ColumnConstraints();
            if (column % 2 == 1) {
                constraints.setPrefWidth(VALUE_MIN_WIDTH_PX);
                constraints.setMinWidth(VALUE_MIN_WIDTH_PX);
                constraints.setHgrow(Priority.ALWAYS);
            }
            grid.getColumnConstraints().add(constraints);
        }
    }

    /** Shows the track's values, or dashes when no vehicle is selected. */
    void show(@Nullable VehicleTrack track, Instant now) {
        for (Field field : Field.values()) {
            values.get(field).setText(text(field, track, now));
        }
    }

    String text(Field field) {
        return values.get(field).getText();
    }

    /** Returns the text of one field for the track at {@code now}; a dash when the value is not known. */
    static String text(Field field, @Nullable VehicleTrack track, Instant now) {
        if (track == null) {
            return NONE;
        }
        VehicleState state = track.state().orElse(null);
        return switch (field) {
            case STATUS ->
                track.isStale()
                        ? track.status().label() + " (stale)"
                        : track.status().label();
            case ONLINE -> online(track.online());
            default -> state == null ? NONE : stateText(field, state, now);
        };
    }

    private static String stateText(Field field, VehicleState state, Instant now) {
        return switch (field) {
            case FLEET -> state.fleetId();
            case SPEED -> Formats.speed(state.speedKmh()) + " km/h";
            case HEADING -> String.format(Locale.ROOT, "%.0f°", state.headingDeg());
            case LAST_FIX -> Formats.localTime(state.fixTime());
            case FIX_AGE -> Formats.age(Duration.between(state.fixTime(), now));
            // TODO: show today's distance once the tracker sends one; distanceM counts from the vehicle's first fix.
            case DISTANCE -> distance(state.distanceM());
            case JOB -> job(state.job());
            case NEXT_STOP -> nextStop(state.job());
            case STATUS, ONLINE -> throw new IllegalArgumentException(field + " does not come from the state");
        };
    }

    private static String distance(@Nullable Double distanceM) {
        return distanceM == null ? NONE : Formats.distance(distanceM);
    }

    private static String online(@Nullable Boolean online) {
        if (online == null) {
            return "unknown";
        }
        return online ? "yes" : "no";
    }

    private static String job(@Nullable JobProgress job) {
        if (job == null) {
            return "none";
        }
        return job.jobId() + ", " + job.stopsDone() + " of " + job.stopsTotal() + " stops done";
    }

    /** Returns the next stop with its ETA in local time, such as {@code s3 at 14:30:00, 1 km, at risk}. */
    private static String nextStop(@Nullable JobProgress job) {
        JobProgress.StopEta next = job == null ? null : job.next();
        if (next == null) {
            return NONE;
        }
        Instant eta = next.etaTime();
        String text = next.stopId() + (eta == null ? ", no ETA yet" : " at " + Formats.localTime(eta)) + ", "
                + Formats.distance(next.distanceM());
        return next.atRisk() ? text + ", at risk" : text;
    }
}
