package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.SpeedHistory;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Vehicles tab: search and filters, counts per status, the vehicle table and the selected vehicle's details.
 *
 * <p>Use it on the FX thread. It also keeps every vehicle's speed history, fed from the states of each frame.
 */
final class VehiclesPanel {

    private static final String ALL_FLEETS = "all fleets";
    private static final String ALL_STATUSES = "all statuses";

    private final List<String> followedFleets;
    private final Clock clock;
    private final SpeedHistory speedHistory;
    private final VehicleTable table;
    private final VehicleDetails details;
    private final TextField search = new TextField();
    private final ComboBox<String> fleetChoice = new ComboBox<>();
    private final ComboBox<String> statusChoice = new ComboBox<>();
    private final Label counts = new Label();
    private final VBox root;
    private final Consumer<@Nullable String> onSelection;

    /**
     * Creates the panel; the fleet filter offers {@code followedFleets} from the start and any other fleet once one
     * of its vehicles shows.
     */
    VehiclesPanel(
            FleetModel model, Collection<String> followedFleets, Clock clock, Consumer<@Nullable String> onSelection) {
        this.followedFleets = List.copyOf(followedFleets);
        this.clock = clock;
        this.onSelection = onSelection;
        this.speedHistory = model.speedHistory();
        this.table = new VehicleTable(this::onTableSelection);
        this.details = new VehicleDetails(model, speedHistory);
        search.setPromptText("search vehicle id");
        updateFleetChoices();
        statusChoice.getItems().add(ALL_STATUSES);
        for (StatusFilter filter : StatusFilter.values()) {
            statusChoice.getItems().add(filter.label());
        }
        statusChoice.setValue(ALL_STATUSES);
        search.textProperty().addListener((obs, old, text) -> applyFilter());
        fleetChoice.valueProperty().addListener((obs, old, fleet) -> applyFilter());
        statusChoice.valueProperty().addListener((obs, old, status) -> applyFilter());
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox filters = new HBox(6, search, fleetChoice, statusChoice);
        filters.getStyleClass().add("vehicle-filters");
        counts.getStyleClass().add("vehicle-counts");
        SplitPane split = new SplitPane(table.node(), details.node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        root = new VBox(4, filters, counts, split);
        root.getStyleClass().add("vehicles-panel");
        updateCounts();
    }

    Node node() {
        return root;
    }

    void setEventFeed(@Nullable EventFeed feed) {
        details.setEventFeed(feed);
        details.refresh(clock.instant());
    }

    void setTrackerApi(@Nullable TrackerApi api) {
        details.setTrackerApi(api);
    }

    /**
     * Adds and updates the rows of {@code tracks}, then the details, and the counts when a status or fleet changed,
     * because counting visits every row.
     */
    void sync(Collection<VehicleTrack> tracks, Instant now) {
        int fleetCount = table.fleetIds().size();
        boolean countsChanged = table.sync(tracks, now);
        if (table.fleetIds().size() != fleetCount) {
            updateFleetChoices();
        }
        if (countsChanged) {
            updateCounts();
        }
        details.refresh(now);
    }

    /** Recomputes the fix ages of the table and the details, once a second. */
    void refreshAges(Instant now) {
        table.refreshAges(now);
        details.refresh(now);
    }

    /**
     * Selects the vehicle in the table and shows its details. When the search or filters hide the vehicle, they are
     * cleared first, because the dispatcher asked for this vehicle. Unknown ids are ignored.
     */
    void select(String vehicleId) {
        if (!table.contains(vehicleId)) {
            return;
        }
        if (!table.select(vehicleId)) {
            clearFilters();
            table.select(vehicleId);
        }
    }

    /** Stops the background reads of the details pane. */
    void stop() {
        details.stop();
    }

    void clearFilters() {
        search.clear();
        fleetChoice.setValue(ALL_FLEETS);
        statusChoice.setValue(ALL_STATUSES);
    }

    /** Sets the filter controls as a dispatcher would; {@code null} fleet or status means all. */
    void setFilterControls(String searchText, @Nullable String fleetId, @Nullable StatusFilter status) {
        search.setText(searchText);
        fleetChoice.setValue(fleetId == null ? ALL_FLEETS : fleetId);
        statusChoice.setValue(status == null ? ALL_STATUSES : status.label());
    }

    private void applyFilter() {
        String fleet = fleetChoice.getValue();
        VehicleFilter filter = new VehicleFilter(
                Objects.requireNonNullElse(search.getText(), ""),
                fleet == null || ALL_FLEETS.equals(fleet) ? null : fleet,
                StatusFilter.fromLabel(statusChoice.getValue()));
        table.setFilter(filter);
        updateCounts();
    }

    private void updateFleetChoices() {
        SortedSet<String> fleets = new TreeSet<>(table.fleetIds());
        fleets.addAll(followedFleets);
        List<String> choices = new ArrayList<>();
        choices.add(ALL_FLEETS);
        choices.addAll(fleets);
        String chosen = fleetChoice.getValue();
        fleetChoice.getItems().setAll(choices);
        fleetChoice.setValue(chosen != null && choices.contains(chosen) ? chosen : ALL_FLEETS);
    }

    private void updateCounts() {
        counts.setText(table.statusCounts().text(table.rowCount()));
    }

    private void onTableSelection(@Nullable String vehicleId) {
        details.show(vehicleId, clock.instant());
        onSelection.accept(vehicleId);
    }

    VehicleTable table() {
        return table;
    }

    VehicleDetails details() {
        return details;
    }

    SpeedHistory speedHistory() {
        return speedHistory;
    }

    String countsText() {
        return counts.getText();
    }

    List<String> fleetChoices() {
        return List.copyOf(fleetChoice.getItems());
    }
}
