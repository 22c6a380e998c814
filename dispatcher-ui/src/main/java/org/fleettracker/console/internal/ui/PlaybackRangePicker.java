package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.PlaybackRangeChoice;
import org.fleettracker.console.internal.model.ScreenTimes;
import org.fleettracker.console.internal.model.TimeRange;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

/**
 * The vehicle and time range a history playback loads: a vehicle id typed or picked from the fleet, and a range
 * ending now or typed in local time. Use it on the FX thread.
 */
final class PlaybackRangePicker {

    private final Clock clock;
    private final ZoneId zone;
    private final ComboBox<String> vehicleChoice = new ComboBox<>();
    private final ChoiceBox<PlaybackRangeChoice> rangeChoice =
            new ChoiceBox<>(FXCollections.observableArrayList(PlaybackRangeChoice.values()));
    private final TextField customFrom = new TextField();
    private final TextField customTo = new TextField();
    private final GridPane customRange = new GridPane();
    private final GridPane root = new GridPane();
    private int listedVehicleCount = -1;

    PlaybackRangePicker(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        vehicleChoice.setEditable(true);
        vehicleChoice.setPromptText("Vehicle id");
        rangeChoice.setConverter(labelled(PlaybackRangeChoice::label));
        rangeChoice.setValue(PlaybackRangeChoice.LAST_1_H);
        rangeChoice.valueProperty().addListener((property, was, choice) -> onRangeChoice(choice));
        customFrom.setPromptText(ScreenTimes.FORMATS);
        customTo.setPromptText(ScreenTimes.FORMATS);
        customRange.setHgap(6);
        customRange.setVgap(4);
        customRange.addRow(0, new Label("From"), customFrom);
        customRange.addRow(1, new Label("To"), customTo);
        onRangeChoice(rangeChoice.getValue());
        root.setHgap(6);
        root.setVgap(4);
        root.addRow(0, new Label("Vehicle"), vehicleChoice);
        root.addRow(1, new Label("Range"), rangeChoice);
        root.add(customRange, 0, 2, 2, 1);
    }

    Node node() {
        return root;
    }

    /** Returns a converter that shows each choice by {@code label}; choices are picked, never typed. */
    static <T> StringConverter<T> labelled(Function<T, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(@Nullable T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("the choice is picked from a list, not typed in");
            }
        };
    }

    void chooseVehicle(String vehicleId) {
        vehicleChoice.setValue(vehicleId);
    }

    /** Lists the fleet's vehicles in the vehicle choice, keeping the typed or chosen id. */
    void syncVehicleIds(FleetModel model) {
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
            String typed = vehicleChoice.getEditor().getText();
            vehicleChoice.getItems().setAll(ids);
            vehicleChoice.getEditor().setText(typed);
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

    /** Returns the vehicle id as typed or chosen, without surrounding spaces; empty when there is none. */
    String vehicleId() {
        String typed = vehicleChoice.getEditor().getText();
        return typed == null ? "" : typed.strip();
    }

    /**
     * Returns the chosen range, a span ending now or the typed one.
     *
     * @throws IllegalArgumentException with a message for the dispatcher when a typed time is invalid or the end is
     *     not after the start
     */
    TimeRange range() {
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

    /** Shows the typed range only for a custom choice, filled with the last hour the first time. */
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
}
