package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.model.SentCommand;
import org.fleettracker.console.internal.outbox.ConsoleActions;
import org.fleettracker.console.internal.outbox.OutboxEntry;
import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Commands to the chosen vehicle (a text message or a position request) and the list of commands sent from this
 * console with their status, newest first. Use it on the FX thread.
 */
final class CommandPane {

    private static final Logger log = LoggerFactory.getLogger(CommandPane.class);

    private final Clock clock;
    private final Supplier<@Nullable String> vehicle;
    private final TextField message = new TextField();
    private final Button sendMessage = new Button("Send message");
    private final Button requestPosition = new Button("Request position");
    private final Button retry = new Button("Retry failed command");
    private final Label error = new Label();
    private final ListView<String> list = new ListView<>();
    private final VBox root = new VBox(6);
    private final Deque<SentCommand> sent = new ArrayDeque<>();
    private final Map<String, OutboxEntry> entries = new HashMap<>();
    private @Nullable ConsoleActions actions;

    /** @param vehicle returns the chosen vehicle's id, or null while none is chosen */
    CommandPane(Clock clock, Supplier<@Nullable String> vehicle) {
        this.clock = clock;
        this.vehicle = vehicle;
        message.setPromptText("Message to the driver");
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setOnAction(event -> sendMessage(message.getText()));
        sendMessage.setOnAction(event -> sendMessage(message.getText()));
        requestPosition.setOnAction(event -> requestPosition());
        retry.setOnAction(event -> retrySelected());
        list.getSelectionModel().selectedIndexProperty().addListener((property, was, index) -> updateEnabled());
        error.getStyleClass().add("validation-error");
        error.setWrapText(true);
        error.setManaged(false);
        list.setPrefHeight(160);
        list.setPlaceholder(new Label("No commands sent from this console yet."));
        list.setCellFactory(view -> new WrappingCell());
        root.getChildren().addAll(new HBox(6, message, sendMessage), requestPosition, error, list, retry);
        updateEnabled();
    }

    Node node() {
        return root;
    }

    void setActions(@Nullable ConsoleActions newActions) {
        actions = newActions;
        updateEnabled();
    }

    /** Sends {@code text} to the chosen vehicle; returns false and shows why when it cannot. */
    boolean sendMessage(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            showError("Type a message first.");
            return false;
        }
        if (trimmed.codePointCount(0, trimmed.length()) > Command.MAX_TEXT_CHARS) {
            showError("The message is longer than " + Command.MAX_TEXT_CHARS + " characters.");
            return false;
        }
        boolean queued = send(CommandType.MESSAGE, trimmed);
        if (queued) {
            message.clear();
        }
        return queued;
    }

    boolean requestPosition() {
        return send(CommandType.REQUEST_POSITION, null);
    }

    /** Refreshes the statuses from the outbox {@code latestEntries}, keyed by command id, and the event feed. */
    void refresh(Map<String, OutboxEntry> latestEntries, @Nullable EventFeed feed) {
        for (SentCommand command : sent) {
            OutboxEntry latest = latestEntries.get(command.commandId());
            if (latest != null) {
                entries.put(command.commandId(), latest);
            }
        }
        refreshRows(feed);
    }

    private void refreshRows(@Nullable EventFeed feed) {
        List<String> rows = new ArrayList<>(sent.size());
        for (SentCommand command : sent) {
            Optional<String> eventStatus = feed == null ? Optional.empty() : feed.commandStatus(command.commandId());
            OutboxEntry entry = entries.get(command.commandId());
            if (entry != null) {
                rows.add(row(command, SentCommand.statusText(entry, eventStatus)));
            }
        }
        if (!rows.equals(list.getItems())) {
            list.getItems().setAll(rows);
        }
        updateEnabled();
    }

    /** Selects the row at {@code index} of the command list, newest first. */
    void selectRow(int index) {
        list.getSelectionModel().select(index);
    }

    /** Queues the selected failed command again under its command id; returns false when none is selected. */
    boolean retrySelected() {
        ConsoleActions target = actions;
        SentCommand command = selectedFailed();
        if (target == null || command == null) {
            return false;
        }
        OutboxEntry queued = target.retry(command.commandId());
        if (queued == null) {
            showError("The command " + command.commandId() + " is no longer in the outbox; send it again.");
            return false;
        }
        log.info("Queued failed command {} to vehicle {} again", command.commandId(), command.vehicleId());
        entries.put(command.commandId(), queued);
        showError(null);
        refreshRows(null);
        return true;
    }

    boolean canRetry() {
        return !retry.isDisabled();
    }

    private @Nullable SentCommand selectedFailed() {
        int index = list.getSelectionModel().getSelectedIndex();
        if (index < 0 || index >= sent.size()) {
            return null;
        }
        SentCommand command = List.copyOf(sent).get(index);
        OutboxEntry entry = entries.get(command.commandId());
        return entry != null && entry.status() == OutboxEntry.Status.FAILED ? command : null;
    }

    /** Returns the rows of the command list, newest first. */
    List<String> rows() {
        return List.copyOf(list.getItems());
    }

    private boolean send(CommandType type, @Nullable String text) {
        ConsoleActions target = actions;
        String vehicleId = vehicle.get();
        if (target == null || vehicleId == null) {
            showError(
                    target == null
                            ? "Commands need the tracker's HTTP API: start the console with --api-url."
                            : "Choose a vehicle first.");
            return false;
        }
        OutboxEntry entry = target.sendCommand(vehicleId, type, text, Map.of());
        log.info("Queued {} command {} to vehicle {}", type.code(), entry.key(), vehicleId);
        SentCommand command = new SentCommand(entry.key(), vehicleId, type, text, clock.instant());
        sent.addFirst(command);
        entries.put(command.commandId(), entry);
        while (sent.size() > ConsoleConfig.SENT_COMMANDS_SHOWN) {
            entries.remove(sent.removeLast().commandId());
        }
        showError(null);
        list.getItems().add(0, row(command, SentCommand.statusText(entry, Optional.empty())));
        if (list.getItems().size() > sent.size()) {
            list.getItems().remove(sent.size(), list.getItems().size());
        }
        return true;
    }

    /** A list cell that wraps long messages at the list's width instead of scrolling sideways. */
    private static final class WrappingCell extends ListCell<String> {

        WrappingCell() {
            setWrapText(true);
            // A zero preferred width lets the list give the cell its own width, so the text wraps there.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(@Nullable String row, boolean empty) {
            super.updateItem(row, empty);
            setText(empty ? null : row);
        }
    }

    private static String row(SentCommand command, String status) {
        String what = command.type() == CommandType.MESSAGE
                ? "message \"" + command.text() + "\""
                : command.type().code();
        return Formats.localTime(command.sentTime()) + "  " + command.vehicleId() + "  " + what + ": " + status;
    }

    private void showError(@Nullable String text) {
        error.setText(text == null ? "" : text);
        error.setManaged(text != null);
        error.setVisible(text != null);
    }

    private void updateEnabled() {
        boolean ready = actions != null && vehicle.get() != null;
        sendMessage.setDisable(!ready);
        requestPosition.setDisable(!ready);
        retry.setDisable(actions == null || selectedFailed() == null);
    }
}
