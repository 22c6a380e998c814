package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.outbox.ConsoleActions;
import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.protocol.api.EventSeverity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * The Alerts tab: the fleet's alerts newest first, coloured by severity, with their acknowledgement, and the
 * Acknowledge action, which queues the acknowledgement in the outbox. The tab title counts the open alerts.
 *
 * <p>Use it on the FX thread. Neither the feed nor the outbox notifies listeners of changes, so {@link #refresh}
 * compares the feed's version every frame and reads the outbox entries once a second.
 */
final class AlertsView {

    // Estimated room for a cell's padding and for bold text around the measured text width.
    private static final double CELL_PADDING_PX = 24;

    private static final Logger log = LoggerFactory.getLogger(AlertsView.class);

    private static final String NO_OUTBOX = "Acknowledging needs the outbox, which is not connected";

    private final Clock clock;
    private final Tab tab = new Tab("Alerts");
    private final TableView<AlertRow> table = new TableView<>();
    private final ObservableList<AlertRow> items = FXCollections.observableArrayList();
    private final CheckBox openOnly = new CheckBox("Open only");
    private final TextField note = new TextField();
    private final Button acknowledge = new Button("Acknowledge");
    private final Label message = new Label();
    private final Label selectedText = new Label();
    private final Consumer<String> onVehicleChosen;
    private @Nullable EventFeed feed;
    private @Nullable ConsoleActions actions;
    private long shownFeedVersion = -1;
    private int openCount;
    private boolean rebuilding;

    AlertsView(Clock clock, Consumer<String> onVehicleChosen) {
        this.clock = clock;
        this.onVehicleChosen = onVehicleChosen;
        SortedList<AlertRow> sorted = new SortedList<>(items);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        addColumns();
        table.setRowFactory(view -> new AlertTableRow());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> onRowSelected(row));
        openOnly.selectedProperty().addListener((obs, old, selected) -> rebuild(clock.instant()));
        note.setPromptText("note (optional)");
        acknowledge.setOnAction(event -> acknowledgeSelected());
        HBox.setHgrow(note, Priority.ALWAYS);
        HBox toolbar = new HBox(6, openOnly, note, acknowledge);
        toolbar.getStyleClass().add("alerts-toolbar");
        message.getStyleClass().add("alerts-message");
        VBox.setVgrow(table, Priority.ALWAYS);
        selectedText.getStyleClass().add("alert-selected");
        selectedText.setWrapText(true);
        VBox root = new VBox(4, toolbar, message, table, selectedText);
        root.getStyleClass().add("alerts-view");
        tab.setContent(root);
        setEventFeed(null);
    }

    Tab tab() {
        return tab;
    }

    void setEventFeed(@Nullable EventFeed newFeed) {
        feed = newFeed;
        shownFeedVersion = -1;
        table.setPlaceholder(new Label(newFeed == null ? "Not connected to the tracker's events" : "No alerts"));
        rebuild(clock.instant());
    }

    void setActions(@Nullable ConsoleActions newActions) {
        actions = newActions;
        updateAcknowledgeButton();
    }

    /** Rebuilds the rows when the feed changed, or on {@code outboxTick} to show the outbox's progress. */
    void refresh(Instant now, boolean outboxTick) {
        EventFeed current = feed;
        long version = current == null ? -1 : current.version();
        if (version != shownFeedVersion || outboxTick) {
            rebuild(now);
        }
    }

    private void rebuild(Instant now) {
        EventFeed current = feed;
        shownFeedVersion = current == null ? -1 : current.version();
        List<EventFeed.AlertItem> items = current == null ? List.of() : current.alerts();
        Map<String, OutboxEntry> acknowledgements = acknowledgements();
        List<AlertRow> rows = new ArrayList<>(items.size());
        int open = 0;
        for (EventFeed.AlertItem item : items) {
            AlertRow row = AlertRow.of(item, acknowledgements.get(item.alert().eventId()), now);
            open += row.open() ? 1 : 0;
            if (row.open() || !openOnly.isSelected()) {
                rows.add(row);
            }
        }
        openCount = open;
        tab.setText(open == 0 ? "Alerts" : "Alerts (" + open + ")");
        if (!rows.equals(items)) {
            replaceRows(rows);
        }
        updateAcknowledgeButton();
    }

    /** Replaces the rows and selects the same alert again, without telling the map: the dispatcher did not click. */
    private void replaceRows(List<AlertRow> rows) {
        AlertRow selected = table.getSelectionModel().getSelectedItem();
        rebuilding = true;
        try {
            items.setAll(rows);
            if (selected != null) {
                table.getItems().stream()
                        .filter(row -> row.eventId().equals(selected.eventId()))
                        .findFirst()
                        .ifPresent(row -> table.getSelectionModel().select(row));
            }
        } finally {
            rebuilding = false;
        }
    }

    /** Returns the latest acknowledgement entry per alert event id; the outbox lists them oldest first. */
    private Map<String, OutboxEntry> acknowledgements() {
        ConsoleActions current = actions;
        Map<String, OutboxEntry> byEventId = new HashMap<>();
        if (current != null) {
            for (OutboxEntry entry : current.entries()) {
                if (entry.kind() == OutboxEntry.Kind.ALERT_ACKNOWLEDGEMENT) {
                    byEventId.put(entry.key(), entry);
                }
            }
        }
        return byEventId;
    }

    private void acknowledgeSelected() {
        AlertRow row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            acknowledge(row);
        }
    }

    /** Queues the acknowledgement of the alert in the outbox, with the note when one was typed. */
    void acknowledge(AlertRow row) {
        ConsoleActions current = actions;
        if (current == null || !row.canAcknowledge()) {
            return;
        }
        String text = note.getText() == null ? "" : note.getText().strip();
        try {
            current.acknowledgeAlert(row.eventId(), text.isEmpty() ? null : text);
            note.clear();
            message.setText("");
        } catch (RuntimeException e) {
            // The outbox may fail to write its file; the dispatcher must see that nothing was queued.
            log.warn("Queueing the acknowledgement of alert {} failed: {}", row.eventId(), e.getMessage());
            log.debug("Acknowledgement failure of alert {}", row.eventId(), e);
            message.setText("Acknowledgement not stored: " + e.getMessage());
        }
        rebuild(clock.instant());
    }

    private void onRowSelected(@Nullable AlertRow row) {
        updateAcknowledgeButton();
        // The narrow side panel cuts the columns, so the selected alert is spelled out below the table.
        selectedText.setText(row == null ? "" : row.summary() + "\n" + row.stateText());
        String vehicleId = row == null ? null : row.vehicleId();
        if (!rebuilding && vehicleId != null) {
            onVehicleChosen.accept(vehicleId);
        }
    }

    private void updateAcknowledgeButton() {
        AlertRow row = table.getSelectionModel().getSelectedItem();
        acknowledge.setDisable(actions == null || row == null || !row.canAcknowledge());
        if (actions == null) {
            message.setText(NO_OUTBOX);
        } else if (NO_OUTBOX.equals(message.getText())) {
            message.setText("");
        }
    }

    private void addColumns() {
        TableColumn<AlertRow, EventSeverity> severity = fixedColumn("Severity", "critical", AlertRow::severity);
        severity.setCellFactory(c -> new SeverityCell());
        // The column sorts by the instant and shows the row's local time text.
        TableColumn<AlertRow, Instant> time = fixedColumn("Time", "88:88:88", AlertRow::time);
        time.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(@Nullable Instant item, boolean empty) {
                super.updateItem(item, empty);
                AlertRow row = getTableRow() == null ? null : getTableRow().getItem();
                setText(empty || row == null ? null : row.timeText());
            }
        });
        table.getColumns().add(severity);
        table.getColumns().add(time);
        // Vehicle and type share a column, so the narrow side panel leaves room for both.
        table.getColumns()
                .add(column(
                        "Alert", 120, row -> (row.vehicleId() == null ? "fleet" : row.vehicleId()) + " " + row.type()));
        table.getColumns().add(column("State", 90, AlertRow::stateText));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    /** Returns a column that the resize policy never shrinks below the width of its title or {@code widest}. */
    private static <T> TableColumn<AlertRow, T> fixedColumn(String title, String widest, Function<AlertRow, T> value) {
        double widthPx = Math.max(textWidthPx(title), textWidthPx(widest)) + CELL_PADDING_PX;
        TableColumn<AlertRow, T> column = column(title, widthPx, value);
        column.setMinWidth(widthPx);
        return column;
    }

    private static double textWidthPx(String text) {
        return new Text(text).getLayoutBounds().getWidth();
    }

    private static <T> TableColumn<AlertRow, T> column(String title, double widthPx, Function<AlertRow, T> value) {
        TableColumn<AlertRow, T> column = new TableColumn<>(title);
        column.setPrefWidth(widthPx);
        column.setCellValueFactory(features -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        return column;
    }

    /** Returns the table, for tests that inspect its cells. */
    Node tableNode() {
        return table;
    }

    int openCount() {
        return openCount;
    }

    /** Returns the rows in the order the table lists them. */
    List<AlertRow> rows() {
        return List.copyOf(table.getItems());
    }

    String selectedText() {
        return selectedText.getText();
    }

    String tabTitle() {
        return tab.getText();
    }

    void setOpenOnly(boolean selected) {
        openOnly.setSelected(selected);
    }

    void select(String eventId) {
        table.getItems().stream()
                .filter(row -> row.eventId().equals(eventId))
                .findFirst()
                .ifPresent(row -> table.getSelectionModel().select(row));
    }

    /** Colours the severity: CSS classes {@code info}, {@code warning} and {@code critical}. */
    private static final class SeverityCell extends TableCell<AlertRow, EventSeverity> {

        private static final List<String> SEVERITY_CLASSES = List.of("info", "warning", "critical");

        SeverityCell() {
            getStyleClass().add("severity-cell");
        }

        @Override
        protected void updateItem(@Nullable EventSeverity severity, boolean empty) {
            super.updateItem(severity, empty);
            getStyleClass().removeAll(SEVERITY_CLASSES);
            if (empty || severity == null) {
                setText(null);
                return;
            }
            setText(severity.code());
            getStyleClass().add(severity.code());
        }
    }

    /** Marks acknowledged rows with the CSS class {@code acknowledged} and offers the actions in a context menu. */
    private final class AlertTableRow extends TableRow<AlertRow> {

        private final MenuItem acknowledgeItem = new MenuItem("Acknowledge");
        private final MenuItem vehicleItem = new MenuItem("Show vehicle");
        private final ContextMenu menu = new ContextMenu(acknowledgeItem, vehicleItem);
        private final Tooltip tooltip = new Tooltip();

        AlertTableRow() {
            acknowledgeItem.setOnAction(event -> {
                AlertRow row = getItem();
                if (row != null) {
                    acknowledge(row);
                }
            });
            vehicleItem.setOnAction(event -> {
                AlertRow row = getItem();
                String vehicleId = row == null ? null : row.vehicleId();
                if (vehicleId != null) {
                    onVehicleChosen.accept(vehicleId);
                }
            });
        }

        @Override
        protected void updateItem(@Nullable AlertRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().remove("acknowledged");
            if (empty || row == null) {
                setContextMenu(null);
                setTooltip(null);
                return;
            }
            // The columns may cut the text, so the tooltip spells out the whole alert.
            tooltip.setText(row.summary() + "\n" + row.stateText());
            setTooltip(tooltip);
            if (!row.open()) {
                getStyleClass().add("acknowledged");
            }
            acknowledgeItem.setDisable(actions == null || !row.canAcknowledge());
            vehicleItem.setDisable(row.vehicleId() == null);
            setContextMenu(menu);
        }
    }
}
