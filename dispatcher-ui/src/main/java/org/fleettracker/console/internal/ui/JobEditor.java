package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.model.DraftStop;
import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.JobDraft;
import org.fleettracker.console.internal.model.ScreenTimes;
import org.fleettracker.protocol.api.JobStopKind;
import org.jspecify.annotations.Nullable;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The stops of a new job: an "Add stops" mode in which map clicks append stops, the list in the order of the
 * visit, and a form for the selected stop's name, kind, radius and time window. Use it on the FX thread.
 */
final class JobEditor {

    private final JobDraft draft = new JobDraft(ConsoleConfig.DEFAULT_STOP_RADIUS_M);
    private final ListView<DraftStop> stopList = new ListView<>();
    private final ToggleButton addStops = new ToggleButton("Add stops");
    private final TextField name = new TextField();
    private final ChoiceBox<JobStopKind> kind =
            new ChoiceBox<>(FXCollections.observableArrayList(JobStopKind.values()));
    private final TextField radius = new TextField();
    private final TextField windowStart = new TextField();
    private final TextField windowEnd = new TextField();
    private final GridPane form = new GridPane();
    private final VBox root = new VBox(6);
    private final Runnable onDraftChanged;
    private boolean fillingForm;

    /**
     * @param onDraftChanged called after every change of the stops, so the map overlay follows
     * @param onAddMode called with true when map clicks should add stops, and false when they no longer should
     */
    JobEditor(Runnable onDraftChanged, Consumer<Boolean> onAddMode) {
        this.onDraftChanged = onDraftChanged;
        addStops.selectedProperty().addListener((property, was, on) -> onAddMode.accept(on));
        Button clear = new Button("Clear");
        clear.setOnAction(event -> clear());
        stopList.setPrefHeight(130);
        stopList.setPlaceholder(new Label("Switch on Add stops, then click the map."));
        stopList.setCellFactory(list -> new StopCell());
        stopList.getSelectionModel().selectedItemProperty().addListener((property, was, stop) -> fillForm(stop));
        root.getChildren().addAll(new HBox(6, addStops, clear), stopList, form(), orderButtons());
        fillForm(null);
    }

    Node node() {
        return root;
    }

    JobDraft draft() {
        return draft;
    }

    /** Appends a stop at {@code location} and selects it so that its form is ready to edit. */
    DraftStop addStop(GeoPoint location) {
        DraftStop stop = draft.add(location);
        stopList.getItems().setAll(draft.stops());
        stopList.getSelectionModel().select(stop);
        onDraftChanged.run();
        return stop;
    }

    void setAddMode(boolean on) {
        addStops.setSelected(on);
    }

    boolean isAddMode() {
        return addStops.isSelected();
    }

    /** Removes every stop, as after a job was created. */
    void clear() {
        draft.clear();
        stopList.getItems().clear();
        onDraftChanged.run();
    }

    private GridPane form() {
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(@Nullable JobStopKind value) {
                return value == null ? "" : value.code();
            }

            @Override
            public JobStopKind fromString(String text) {
                return JobStopKind.fromCode(text).orElseThrow();
            }
        });
        windowStart.setPromptText(ScreenTimes.FORMATS);
        windowEnd.setPromptText("optional");
        radius.setPrefColumnCount(6);
        form.setHgap(6);
        form.setVgap(4);
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("Kind"), kind);
        form.addRow(2, new Label("Radius (m)"), radius);
        form.addRow(3, new Label("Window from"), windowStart);
        form.addRow(4, new Label("Window to"), windowEnd);
        bind(name, DraftStop::setName);
        bind(radius, DraftStop::setRadiusText);
        bind(windowStart, DraftStop::setWindowStartText);
        bind(windowEnd, DraftStop::setWindowEndText);
        kind.valueProperty().addListener((property, was, value) -> {
            if (value != null) {
                editSelected(stop -> stop.setKind(value));
            }
        });
        return form;
    }

    private HBox orderButtons() {
        Button up = new Button("Up");
        up.setOnAction(event -> moveSelected(-1));
        Button down = new Button("Down");
        down.setOnAction(event -> moveSelected(1));
        Button remove = new Button("Remove");
        remove.setOnAction(event -> removeSelected());
        return new HBox(6, up, down, remove);
    }

    private void bind(TextField field, BiConsumer<DraftStop, String> setter) {
        ChangeListener<String> listener = (property, was, text) -> editSelected(stop -> setter.accept(stop, text));
        field.textProperty().addListener(listener);
    }

    private void editSelected(Consumer<DraftStop> edit) {
        DraftStop stop = stopList.getSelectionModel().getSelectedItem();
        if (fillingForm || stop == null) {
            return;
        }
        edit.accept(stop);
        stopList.refresh();
        onDraftChanged.run();
    }

    private void fillForm(@Nullable DraftStop stop) {
        fillingForm = true;
        try {
            form.setDisable(stop == null);
            name.setText(stop == null ? "" : stop.name());
            kind.setValue(stop == null ? null : stop.kind());
            radius.setText(stop == null ? "" : stop.radiusText());
            windowStart.setText(stop == null ? "" : stop.windowStartText());
            windowEnd.setText(stop == null ? "" : stop.windowEndText());
        } finally {
            fillingForm = false;
        }
    }

    private void moveSelected(int offset) {
        int index = stopList.getSelectionModel().getSelectedIndex();
        if (!draft.move(index, offset)) {
            return;
        }
        stopList.getItems().setAll(draft.stops());
        stopList.getSelectionModel().select(index + offset);
        onDraftChanged.run();
    }

    private void removeSelected() {
        int index = stopList.getSelectionModel().getSelectedIndex();
        if (index < 0) {
            return;
        }
        draft.remove(index);
        stopList.getItems().setAll(draft.stops());
        onDraftChanged.run();
    }

    /** A stop's line in the list: place in the visit, name, kind, radius and window as typed. */
    private final class StopCell extends ListCell<DraftStop> {

        @Override
        protected void updateItem(@Nullable DraftStop stop, boolean empty) {
            super.updateItem(stop, empty);
            if (empty || stop == null) {
                setText(null);
                return;
            }
            StringBuilder text = new StringBuilder();
            text.append(getIndex() + 1).append(". ").append(stop.name());
            text.append(" · ").append(stop.kind().code());
            text.append(" · ").append(stop.radiusText().strip()).append(" m");
            if (!stop.windowStartText().isBlank() || !stop.windowEndText().isBlank()) {
                text.append(" · ").append(stop.windowStartText().strip());
                text.append("–").append(stop.windowEndText().strip());
            }
            setText(text.toString());
        }
    }
}
