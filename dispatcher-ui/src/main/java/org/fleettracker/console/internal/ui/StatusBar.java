package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.mqtt.ConnectionStatus;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/**
 * The line under the map: connection indicator and state, broker URI, last message time, vehicle count, stale
 * warning, malformed message count and the dispatcher actions waiting in the outbox.
 */
final class StatusBar {

    private final HBox bar = new HBox(14);
    private final Circle indicator = new Circle(6);
    private final Label connection = new Label();
    private final Label detail = new Label();
    private final Label broker = new Label();
    private final Label lastMessage = new Label();
    private final Label vehicles = new Label();
    private final Label stale = new Label();
    private final Label malformed = new Label();
    private final Label outbox = new Label();

    StatusBar() {
        HBox indicatorBox = new HBox(6, indicator, connection);
        indicatorBox.setAlignment(Pos.CENTER_LEFT);
        connection.setMinWidth(Region.USE_PREF_SIZE);
        connection.getStyleClass().add("status-strong");
        stale.setMinWidth(Region.USE_PREF_SIZE);
        stale.getStyleClass().addAll("status-warning", "status-strong");
        // The detail takes the free space and is cut with an ellipsis; its tooltip keeps the whole text.
        detail.setMinWidth(0);
        detail.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(detail, Priority.ALWAYS);
        malformed.setMinWidth(Region.USE_PREF_SIZE);
        malformed.getStyleClass().add("status-warning");
        outbox.setMinWidth(Region.USE_PREF_SIZE);
        outbox.getStyleClass().add("status-strong");
        for (Label label : new Label[] {vehicles, lastMessage, broker}) {
            label.setMinWidth(Region.USE_PREF_SIZE);
        }
        bar.getChildren().addAll(indicatorBox, stale, detail, malformed, outbox, vehicles, lastMessage, broker);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(5, 10, 5, 10));
        bar.getStyleClass().add("status-bar");
    }

    HBox node() {
        return bar;
    }

    void update(
            ConnectionStatus status,
            @Nullable Instant lastMessageTime,
            FleetModel model,
            long malformedCount,
            int outboxPendingCount,
            Instant now) {
        indicator.setFill(Palette.connection(status.state()));
        setText(connection, connectionText(status, now));
        String detailText =
                status.state() == ConnectionState.CONNECTED || status.detail() == null ? "" : status.detail();
        if (!detailText.equals(detail.getText())) {
            detail.setText(detailText);
            detail.setTooltip(detailText.isEmpty() ? null : new Tooltip(detailText));
        }
        setText(broker, status.brokerUri());
        setText(
                lastMessage,
                lastMessageTime != null ? "last message " + Formats.localTime(lastMessageTime) : "no message yet");
        setText(vehicles, model.size() == 1 ? "1 vehicle" : model.size() + " vehicles");
        Instant staleSince = model.staleSince();
        setText(stale, staleSince != null ? model.staleCount() + " stale since " + Formats.localTime(staleSince) : "");
        setText(malformed, malformedText(malformedCount));
        setText(outbox, outboxPendingCount == 0 ? "" : "outbox: " + outboxPendingCount + " pending");
    }

    String connectionText() {
        return connection.getText();
    }

    String detailText() {
        return detail.getText();
    }

    String staleText() {
        return stale.getText();
    }

    String outboxText() {
        return outbox.getText();
    }

    private static String connectionText(ConnectionStatus status, Instant now) {
        String state = status.state().name().toLowerCase(Locale.ROOT);
        Instant nextAttempt = status.nextAttempt();
        if (status.state() == ConnectionState.DISCONNECTED && nextAttempt != null) {
            long seconds = Math.max(0, Duration.between(now, nextAttempt).toSeconds());
            return state + ", retry in " + seconds + " s";
        }
        return state;
    }

    private static String malformedText(long malformedCount) {
        if (malformedCount == 0) {
            return "";
        }
        return malformedCount == 1 ? "1 malformed message ignored" : malformedCount + " malformed messages ignored";
    }

    private static void setText(Label label, String text) {
        if (!text.equals(label.getText())) {
            label.setText(text);
        }
        label.setVisible(!text.isEmpty());
        label.setManaged(!text.isEmpty());
    }
}
