package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.GeoPoint;
import org.fleettracker.console.internal.model.Playback;
import org.fleettracker.console.internal.model.PlaybackRangeChoice;
import org.fleettracker.console.internal.model.PlaybackSpeed;
import org.fleettracker.console.internal.model.ScreenPoint;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;

/**
 * Drives the tabs of a {@link ConsoleView} as a dispatcher does, for tests outside this package: it presses the
 * tabs' buttons, types into their fields and clicks the map canvas, and reads back what each tab shows. Views
 * without a control for a step (selecting a row, the history range) are driven through the methods their own
 * tests use. Use it on the FX thread.
 */
public final class ConsoleViewDriver {

    private final ConsoleView view;

    private ConsoleViewDriver(ConsoleView view) {
        this.view = view;
    }

    public static ConsoleViewDriver of(ConsoleView view) {
        return new ConsoleViewDriver(view);
    }

    /** Returns the choices of the Vehicles tab's fleet filter, "all fleets" first. */
    public List<String> fleetChoices() {
        return view.vehiclesPanel().fleetChoices();
    }

    /** Brings the side panel's tab whose title starts with {@code title} to the front. */
    public void showTab(String title) {
        view.showTab(title);
    }

    // Vehicles tab

    /** Returns the counts line above the vehicle table, such as {@code 6 vehicles: 4 moving, ...}. */
    public String vehicleCounts() {
        return view.vehiclesPanel().countsText();
    }

    public @Nullable String selectedVehicleId() {
        return view.vehiclesPanel().table().selectedVehicleId();
    }

    public int speedChartSampleCount() {
        return view.vehiclesPanel().details().chartSampleCount();
    }

    /** Returns the note under the speed chart, such as {@code filled from 120 stored positions}. */
    public String speedChartNote() {
        return view.vehiclesPanel().details().chartNote();
    }

    public List<String> vehicleEventLines() {
        return view.vehiclesPanel().details().eventLines();
    }

    /** Returns the details' value of the field labelled {@code label}, such as {@code Status}. */
    public String vehicleField(String label) {
        for (VehicleFields.Field field : VehicleFields.Field.values()) {
            if (field.name().equalsIgnoreCase(label.replace(' ', '_'))) {
                return view.vehiclesPanel().details().fieldText(field);
            }
        }
        throw new IllegalArgumentException("the vehicle details have no field " + label);
    }

    /** Moves the divider between the vehicle table and the details to {@code position}, from 0 (top) to 1. */
    public void moveVehiclesDivider(double position) {
        find(view.vehiclesPanel().node(), SplitPane.class, any -> true).setDividerPositions(position);
    }

    // Alerts tab

    /** Returns the rows of the alerts table in the order it lists them. */
    public List<AlertLine> alerts() {
        List<AlertLine> lines = new ArrayList<>();
        for (AlertRow row : view.alertsView().rows()) {
            lines.add(new AlertLine(row.eventId(), row.type(), row.vehicleId(), row.stateText(), row.open()));
        }
        return lines;
    }

    public String alertsTabTitle() {
        return view.alertsView().tabTitle();
    }

    /** Selects the alert's row, types {@code note} and presses Acknowledge; the Alerts tab must be shown. */
    public void acknowledgeAlert(String eventId, String note) {
        view.alertsView().select(eventId);
        Node content = view.alertsView().tab().getContent();
        TextField noteField = find(content, TextField.class, field -> "note (optional)".equals(field.getPromptText()));
        noteField.setText(note);
        press(content, "Acknowledge");
    }

    // Dispatch tab

    /**
     * Switches Add stops on, clicks the map canvas at each of {@code stops} and sets each stop's radius; the
     * Dispatch tab must be shown and a vehicle chosen.
     */
    public void addStops(List<GeoPoint> stops, String radiusText) {
        DispatchView dispatch = view.dispatchView();
        Node content = dispatch.node();
        ButtonBase addStops = findButton(content, "Add stops");
        if (!dispatch.isAddMode()) {
            addStops.fire();
        }
        for (GeoPoint stop : stops) {
            ScreenPoint point = view.mapView().viewport().toScreen(stop);
            clickMap(point.xPx(), point.yPx());
        }
        dispatch.draft().stops().forEach(stop -> stop.setRadiusText(radiusText));
    }

    /** Returns how many stops the draft of the new job has. */
    public int draftStopCount() {
        return view.dispatchView().draft().stops().size();
    }

    /** Returns how many job stops the map overlay draws. */
    public int drawnStopCount() {
        return view.dispatchView().drawnStops().size();
    }

    /** Presses Create job; the job goes to the outbox unless the draft is invalid. */
    public void createJob() {
        press(view.dispatchView().node(), "Create job");
    }

    public String dispatchErrors() {
        return view.dispatchView().errorText();
    }

    public List<String> jobStatusLines() {
        return view.dispatchView().jobStatusLines();
    }

    /** Types {@code text} into the message field and presses Send message. */
    public void sendMessage(String text) {
        Node content = view.dispatchView().node();
        TextField message =
                find(content, TextField.class, field -> "Message to the driver".equals(field.getPromptText()));
        message.setText(text);
        press(content, "Send message");
    }

    /** Returns the rows of the command list, newest first. */
    public List<String> commandRows() {
        return view.dispatchView().commandRows();
    }

    // History tab

    /** Chooses the range and presses Load for the vehicle chosen in the tab; returns false when Load is disabled. */
    public boolean loadHistory(PlaybackRangeChoice range) {
        PlaybackView playback = view.playbackView();
        playback.setRange(range);
        ButtonBase load = findButton(playback.node(), "Load");
        if (load.isDisabled()) {
            return false;
        }
        load.fire();
        return true;
    }

    public boolean isHistoryLoading() {
        return view.playbackView().isLoading();
    }

    public @Nullable Playback playback() {
        return view.playbackView().playback();
    }

    public String historyMessage() {
        return view.playbackView().messageText();
    }

    /** Moves the replay to {@code time} and plays it at {@code speed}. */
    public void replayFrom(Instant time, PlaybackSpeed speed) {
        PlaybackView playback = view.playbackView();
        playback.seek(time);
        playback.setSpeed(speed);
        playback.play();
    }

    public void pauseReplay() {
        view.playbackView().pause();
    }

    /** Returns the time of the history chart's cursor, or null while it shows none. */
    public @Nullable Instant historyChartCursor() {
        return view.playbackView().chartCursor();
    }

    /**
     * One row of the alerts table.
     *
     * @param vehicleId the vehicle the alert is about, or null for the whole fleet
     * @param open whether the tracker has not recorded an acknowledgement yet
     */
    public record AlertLine(String eventId, String type, @Nullable String vehicleId, String stateText, boolean open) {}

    /** Fires a press and release of the primary button at canvas pixel {@code (xPx, yPx)} of the map. */
    private void clickMap(double xPx, double yPx) {
        ConsoleHarness.clickCanvas(find(view.mapView(), Canvas.class, any -> true), xPx, yPx);
    }

    private static void press(Node root, String text) {
        ButtonBase button = findButton(root, text);
        if (button.isDisabled()) {
            throw new IllegalStateException("the button " + text + " is disabled");
        }
        button.fire();
    }

    private static ButtonBase findButton(Node root, String text) {
        return find(root, ButtonBase.class, button -> text.equals(((Labeled) button).getText()));
    }

    /** Finds the first node of {@code type} under {@code root} that matches, looking into scroll panes' content. */
    private static <T extends Node> T find(Node root, Class<T> type, Predicate<T> matches) {
        T found = findOrNull(root, type, matches);
        if (found == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " that matches under " + root);
        }
        return found;
    }

    private static <T extends Node> @Nullable T findOrNull(Node node, Class<T> type, Predicate<T> matches) {
        if (type.isInstance(node) && matches.test(type.cast(node))) {
            return type.cast(node);
        }
        List<Node> children = new ArrayList<>();
        if (node instanceof ScrollPane scroll && scroll.getContent() != null) {
            children.add(scroll.getContent());
        } else if (node instanceof Parent parent) {
            children.addAll(parent.getChildrenUnmodifiable());
        }
        for (Node child : children) {
            T found = findOrNull(child, type, matches);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
