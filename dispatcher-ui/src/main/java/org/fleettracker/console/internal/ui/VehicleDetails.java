package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.SpeedHistory;
import org.fleettracker.console.internal.model.TimeRange;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.protocol.api.FleetEvent;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The selected vehicle: its state in a grid of fields, the speed chart of the last hour and its latest events.
 *
 * <p>Use it on the FX thread. {@link #refresh} reads the model and the event feed, and redraws the chart
 * only when the vehicle's speed history changed.
 */
final class VehicleDetails {

    /** A decimal with more than two fraction digits, as a double's text often has. */
    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d{1,15}\\.\\d{3,}");

    private static final int ATTRIBUTES_SHOWN = 3;
    private static final int ATTRIBUTE_VALUE_MAX_CHARS = 24;

    private final FleetModel model;
    private final SpeedHistory history;
    private final SpeedFill fill;
    private final Label title = new Label("No vehicle selected: pick one in the table or on the map");
    private final VehicleFields fields = new VehicleFields();
    private final SpeedChart chart = new SpeedChart();
    private final Label chartNote = new Label();
    private final ListView<String> events = new ListView<>();
    private final ScrollPane root;
    private @Nullable String vehicleId;
    private @Nullable EventFeed feed;
    private @Nullable TrackerApi trackerApi;
    private long shownHistoryRevision = -1;
    private long shownFeedVersion = -1;

    VehicleDetails(FleetModel model, SpeedHistory history) {
        this.model = model;
        this.history = history;
        this.fill = new SpeedFill(history);
        title.getStyleClass().add("details-title");
        chartNote.getStyleClass().add("details-note");
        events.getStyleClass().add("details-events");
        events.setPrefHeight(160);
        VBox box = new VBox(6, title, fields.node(), new Label("Speed, last hour"), chart.node(), chartNote);
        box.getChildren().addAll(new Label("Latest events"), events);
        box.getStyleClass().add("vehicle-details");
        root = new ScrollPane(box);
        root.setFitToWidth(true);
        updateEventPlaceholder();
    }

    Node node() {
        return root;
    }

    void setEventFeed(@Nullable EventFeed newFeed) {
        feed = newFeed;
        shownFeedVersion = -1;
        updateEventPlaceholder();
    }

    void setTrackerApi(@Nullable TrackerApi api) {
        trackerApi = api;
    }

    /** Shows another vehicle, or none, and starts filling its speed history when a tracker API is set. */
    void show(@Nullable String newVehicleId, Instant now) {
        vehicleId = newVehicleId;
        shownHistoryRevision = -1;
        shownFeedVersion = -1;
        chartNote.setText(chartNoteFor(newVehicleId));
        TrackerApi api = trackerApi;
        if (newVehicleId != null && api != null && fill.request(api, newVehicleId, now, this::onFilled)) {
            chartNote.setText("loading the last hour from the tracker");
        }
        refresh(now);
    }

    /** Updates the fields, and the chart and events when their sources changed. */
    void refresh(Instant now) {
        String id = vehicleId;
        VehicleTrack track = id == null ? null : model.vehicle(id).orElse(null);
        title.setText(id == null ? "No vehicle selected: pick one in the table or on the map" : id);
        fields.show(track, now);
        refreshChart(id, now);
        refreshEvents(id);
    }

    /** Stops the background reads of the tracker's history. */
    void stop() {
        fill.close();
    }

    private void refreshChart(@Nullable String id, Instant now) {
        long revision = id == null ? 0 : history.revision(id);
        if (revision == shownHistoryRevision) {
            return;
        }
        shownHistoryRevision = revision;
        Instant windowStart = now.minus(ConsoleConfig.SPEED_HISTORY_WINDOW);
        // A fixed last-hour axis, because auto-ranging around one or two samples spans days.
        chart.setTimeRange(new TimeRange(windowStart, now));
        chart.setSamples(id == null ? List.of() : history.samples(id, windowStart));
    }

    private void refreshEvents(@Nullable String id) {
        EventFeed current = feed;
        if (current == null) {
            return;
        }
        long version = current.version();
        if (version == shownFeedVersion) {
            return;
        }
        shownFeedVersion = version;
        List<FleetEvent> latest = id == null ? List.of() : current.latest(id, ConsoleConfig.DETAILS_EVENT_COUNT);
        events.getItems().setAll(latest.stream().map(VehicleDetails::eventLine).toList());
    }

    private void onFilled(String filledVehicleId, String result) {
        if (filledVehicleId.equals(vehicleId)) {
            chartNote.setText(result);
        }
    }

    private String chartNoteFor(@Nullable String id) {
        if (id == null) {
            return "";
        }
        return trackerApi == null ? "live samples only: no tracker API is set" : "";
    }

    private void updateEventPlaceholder() {
        String text = feed == null ? "Not connected to the tracker's events" : "No events for this vehicle";
        events.setPlaceholder(new Label(text));
        if (feed == null) {
            events.getItems().clear();
        }
    }

    /** Returns one line for the event list: local time, type, severity and up to three attributes. */
    static String eventLine(FleetEvent event) {
        StringBuilder line =
                new StringBuilder(Formats.localTime(event.time())).append("  ").append(event.type());
        if (event.alert()) {
            line.append(" (").append(event.severity().code()).append(" alert)");
        }
        String attributes = shortAttributes(event.attributes());
        if (!attributes.isEmpty()) {
            line.append("  ").append(attributes);
        }
        return line.toString();
    }

    /** Returns up to three attributes in key order as {@code key=value}, long values cut with an ellipsis. */
    static String shortAttributes(Map<String, String> attributes) {
        String shown = attributes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .limit(ATTRIBUTES_SHOWN)
                .map(entry -> entry.getKey() + "=" + cut(readable(entry.getKey(), entry.getValue())))
                .collect(Collectors.joining(", "));
        int more = attributes.size() - ATTRIBUTES_SHOWN;
        return more > 0 ? shown + " (+" + more + ")" : shown;
    }

    /**
     * Rounds a measured decimal, such as {@code 30.000000000000007}, to two places; values of keys that name an id
     * are shown as they are, because an id may look like a number.
     */
    static String readable(String key, String value) {
        if (key.endsWith("Id") || !LONG_DECIMAL.matcher(value).matches()) {
            return value;
        }
        return new BigDecimal(value)
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String cut(String value) {
        return value.length() <= ATTRIBUTE_VALUE_MAX_CHARS
                ? value
                : value.substring(0, ATTRIBUTE_VALUE_MAX_CHARS - 1) + "…";
    }

    int chartSampleCount() {
        return chart.sampleCount();
    }

    List<String> eventLines() {
        return List.copyOf(events.getItems());
    }

    String fieldText(VehicleFields.Field field) {
        return fields.text(field);
    }

    String chartNote() {
        return chartNote.getText();
    }
}
