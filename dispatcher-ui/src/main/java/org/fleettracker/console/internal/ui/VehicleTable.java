package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.VehicleStatus;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The table of vehicles: id, status, speed and age of the last fix; sortable by every column and filtered by a
 * {@link VehicleFilter}.
 *
 * <p>Rows are updated in place and never rebuilt: a filtered list over them tests the filter again only for the
 * rows whose filtered or sorted values an update changed, and a new filter is one pass over the rows.
 */
final class VehicleTable {

    private static final int ALL_KEYS = VehicleRow.STATUS_CHANGED
            | VehicleRow.SPEED_CHANGED
            | VehicleRow.FIX_TIME_CHANGED
            | VehicleRow.FLEET_CHANGED;

    private final TableView<VehicleRow> table = new TableView<>();
    private final RowList<VehicleRow> rows = new RowList<>();
    private final FilteredList<VehicleRow> filtered = new FilteredList<>(rows);
    private final Map<String, VehicleRow> rowsById = new HashMap<>();
    private final Map<VehicleRow, Integer> indexByRow = new IdentityHashMap<>();
    private final SortedSet<String> fleetIds = new TreeSet<>();
    private final Map<TableColumn<VehicleRow, ?>, Integer> sortKeyByColumn = new IdentityHashMap<>();
    private VehicleFilter filter = VehicleFilter.NONE;

    VehicleTable(Consumer<@Nullable String> onSelection) {
        SortedList<VehicleRow> sorted = new SortedList<>(filtered);
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
        // A vehicle's id never changes, so sorting by it needs no key.
        sortKeyByColumn.put(idColumn, 0);
        sortKeyByColumn.put(statusColumn, VehicleRow.STATUS_CHANGED);
        sortKeyByColumn.put(speedColumn, VehicleRow.SPEED_CHANGED);
        sortKeyByColumn.put(ageColumn, VehicleRow.FIX_TIME_CHANGED);
        table.setPlaceholder(new Label("No vehicles yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((obs, old, row) -> onSelection.accept(row != null ? row.getVehicleId() : null));
    }

    TableView<VehicleRow> node() {
        return table;
    }

    /**
     * Adds rows for new vehicles among {@code tracks} and updates their rows. Returns whether a row was added or a
     * row's status or fleet changed, which is when the counts per status change.
     *
     * <p>The cells follow their row's properties by themselves. An updated row is reported to the filtered and
     * sorted lists only when a value changed that the filter or a sort column reads, so a frame that moves
     * vehicles without changing their place in the table costs no pass over the rows.
     */
    boolean sync(Collection<VehicleTrack> tracks, Instant now) {
        List<VehicleRow> added = new ArrayList<>();
        BitSet updated = new BitSet(rows.size());
        int keys = filterAndSortKeys();
        boolean countsChanged = false;
        for (VehicleTrack track : tracks) {
            VehicleRow row = rowsById.get(track.vehicleId());
            boolean isNew = row == null;
            if (row == null) {
                row = new VehicleRow(track.vehicleId());
                rowsById.put(track.vehicleId(), row);
                indexByRow.put(row, rows.size() + added.size());
                added.add(row);
            }
            int changed = row.update(track, now);
            if (!isNew && (changed & keys) != 0) {
                updated.set(indexByRow.get(row));
            }
            countsChanged |= isNew || (changed & (VehicleRow.STATUS_CHANGED | VehicleRow.FLEET_CHANGED)) != 0;
            String fleetId = row.fleetId();
            if (fleetId != null) {
                fleetIds.add(fleetId);
            }
        }
        if (!updated.isEmpty()) {
            rows.updated(updated.stream().toArray());
        }
        rows.append(added);
        return countsChanged;
    }

    /** Returns the {@code VehicleRow.*_CHANGED} bits of the values that the filter and the sort order read. */
    // TODO: sorted by speed or fix age, a frame with updates still sorts every row again with the column comparator.
    private int filterAndSortKeys() {
        int keys = filter.isEmpty() ? 0 : VehicleRow.STATUS_CHANGED | VehicleRow.FLEET_CHANGED;
        for (TableColumn<VehicleRow, ?> column : table.getSortOrder()) {
            keys |= sortKeyByColumn.getOrDefault(column, ALL_KEYS);
        }
        return keys;
    }

    /**
     * Recomputes the fix ages, once a second. No change is reported, because every age grows by the same amount, so
     * the order by age stays right.
     */
    void refreshAges(Instant now) {
        rows.forEach(row -> row.refreshAge(now));
    }

    /** Lists only the rows that pass {@code newFilter}; the selected row stays selected when it still passes. */
    void setFilter(VehicleFilter newFilter) {
        filter = newFilter;
        filtered.setPredicate(newFilter.isEmpty() ? null : row -> row.matches(newFilter));
        table.setPlaceholder(new Label(rows.isEmpty() ? "No vehicles yet" : "No vehicle matches the filter"));
    }

    VehicleFilter filter() {
        return filter;
    }

    /** Returns the fleets of every vehicle seen, in order. */
    SortedSet<String> fleetIds() {
        return Collections.unmodifiableSortedSet(fleetIds);
    }

    /** Counts the vehicles that pass the search text and fleet choice, per status. */
    StatusCounts statusCounts() {
        StatusCounts counts = new StatusCounts();
        for (VehicleRow row : rows) {
            if (row.matchesFleetAndSearch(filter)) {
                VehicleRow.ShownStatus shown = row.getStatus();
                counts.add(shown.status(), shown.stale());
            }
        }
        return counts;
    }

    /**
     * Selects the vehicle's row and scrolls to it; returns false when the vehicle is unknown or the filter hides
     * it.
     */
    boolean select(String vehicleId) {
        VehicleRow row = rowsById.get(vehicleId);
        if (row == null || !row.matches(filter)) {
            return false;
        }
        table.getSelectionModel().select(row);
        table.scrollTo(row);
        return true;
    }

    /** Returns whether the table has a row for the vehicle, listed or hidden by the filter. */
    boolean contains(String vehicleId) {
        return rowsById.containsKey(vehicleId);
    }

    @Nullable
    String selectedVehicleId() {
        VehicleRow row = table.getSelectionModel().getSelectedItem();
        return row != null ? row.getVehicleId() : null;
    }

    /** Returns the vehicle ids in the order the table lists them. */
    List<String> listedVehicleIds() {
        return table.getItems().stream().map(VehicleRow::getVehicleId).toList();
    }

    /** Returns how many rows the table lists, after filtering. */
    int rowCount() {
        return table.getItems().size();
    }

    int totalRowCount() {
        return rows.size();
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
                List.of("moving", "idle", "stopped", "offline", "no-fix", "stale");

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
