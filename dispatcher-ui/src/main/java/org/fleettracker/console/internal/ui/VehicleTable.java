package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.VehicleStatus;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The table of vehicles: id, status, speed and age of the last fix; sortable by every column. */
final class VehicleTable {

    private final TableView<VehicleRow> table = new TableView<>();
    private final ObservableList<VehicleRow> rows = FXCollections.observableArrayList();
    private final Map<String, VehicleRow> rowsById = new HashMap<>();

    VehicleTable(Consumer<@Nullable String> onSelection) {
        SortedList<VehicleRow> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        TableColumn<VehicleRow, String> idColumn = column("Vehicle", 90, VehicleRow::vehicleIdProperty);
        TableColumn<VehicleRow, VehicleRow.ShownStatus> statusColumn =
                column("Status", 130, VehicleRow::statusProperty);
        statusColumn.setCellFactory(c -> new StatusCell());
        TableColumn<VehicleRow, @Nullable Double> speedColumn = column("km/h", 60, VehicleRow::speedKmhProperty);
        speedColumn.setCellFactory(c -> textCell(Formats::speed));
        speedColumn.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        TableColumn<VehicleRow, @Nullable Duration> ageColumn = column("Fix age", 80, VehicleRow::fixAgeProperty);
        ageColumn.setCellFactory(c -> textCell(Formats::age));
        ageColumn.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        table.getColumns().add(idColumn);
        table.getColumns().add(statusColumn);
        table.getColumns().add(speedColumn);
        table.getColumns().add(ageColumn);
        table.getSortOrder().add(idColumn);
        table.setPlaceholder(new javafx.scene.control.Label("No vehicles yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((obs, old, row) -> onSelection.accept(row != null ? row.getVehicleId() : null));
    }

    TableView<VehicleRow> node() {
        return table;
    }

    /** Adds rows for new vehicles among {@code tracks} and updates their rows. */
    void sync(Collection<VehicleTrack> tracks, Instant now) {
        for (VehicleTrack track : tracks) {
            VehicleRow row = rowsById.get(track.vehicleId());
            if (row == null) {
                row = new VehicleRow(track.vehicleId());
                rowsById.put(track.vehicleId(), row);
                rows.add(row);
            }
            row.update(track, now);
        }
        // TODO: sorting all rows on every sync takes about 15 ms per frame with 5,000 vehicles (ConsoleFrameBenchmark).
        table.sort();
    }

    /** Recomputes the fix ages, once a second. */
    void refreshAges(Instant now) {
        rows.forEach(row -> row.refreshAge(now));
    }

    void select(String vehicleId) {
        Optional.ofNullable(rowsById.get(vehicleId)).ifPresent(row -> {
            table.getSelectionModel().select(row);
            table.scrollTo(row);
        });
    }

    int rowCount() {
        return table.getItems().size();
    }

    private static <T> TableColumn<VehicleRow, T> column(
            String title, double widthPx, Function<VehicleRow, javafx.beans.value.ObservableValue<T>> property) {
        TableColumn<VehicleRow, T> column = new TableColumn<>(title);
        column.setPrefWidth(widthPx);
        column.setCellValueFactory(features -> property.apply(features.getValue()));
        return column;
    }

    private static <T> TableCell<VehicleRow, @Nullable T> textCell(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(@Nullable T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
    }

    /** Shows the status in its map colour, grey and marked when stale. */
    private static final class StatusCell extends TableCell<VehicleRow, VehicleRow.ShownStatus> {

        private static final List<String> STATE_CLASSES =
                List.of("moving", "stopped", "idle", "offline", "no-fix", "stale");

        StatusCell() {
            getStyleClass().add("status-cell");
        }

        @Override
        protected void updateItem(VehicleRow.@Nullable ShownStatus shown, boolean empty) {
            super.updateItem(shown, empty);
            getStyleClass().removeAll(STATE_CLASSES);
            if (empty || shown == null) {
                setText(null);
                return;
            }
            VehicleStatus status = shown.status();
            setText(shown.stale() ? status.label() + " (stale)" : status.label());
            getStyleClass().add(shown.stale() ? "stale" : status.label().replace(' ', '-'));
        }
    }
}
