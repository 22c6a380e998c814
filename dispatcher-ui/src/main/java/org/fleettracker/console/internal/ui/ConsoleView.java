package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Credential;
import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.PendingUpdate;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.console.internal.mqtt.ConnectionStatus;
import org.fleettracker.console.internal.mqtt.FleetConnection;
import org.jspecify.annotations.Nullable;

import java.net.URL;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/**
 * The console's content: map, vehicle table and status bar, fed by one {@link FleetConnection}.
 *
 * <p>An {@link AnimationTimer} moves what the MQTT threads left in the {@link FleetInbox} into the model once
 * per frame, so a burst of messages cannot flood the FX thread. Create and use it on the FX thread.
 */
public final class ConsoleView {

    private final Clock clock;
    private final FleetInbox inbox = new FleetInbox(ConsoleConfig.TRAIL_LENGTH);
    private final FleetModel model = new FleetModel(ConsoleConfig.TRAIL_LENGTH);
    private final FleetConnection connection;
    private final MapView map;
    private final VehicleTable table;
    private final StatusBar statusBar = new StatusBar();
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final AnimationTimer timer;
    private long lastRefreshSecond = Long.MIN_VALUE;
    private @Nullable ConnectionStatus shownStatus;
    private Consumer<String> onRefused = detail -> {};

    public ConsoleView(ConsoleSettings settings, Clock clock) {
        this(settings, clock, Credential.PASSWORD);
    }

    /** Creates the view; with an access token as {@code credential} the token goes to the broker unchanged. */
    public ConsoleView(ConsoleSettings settings, Clock clock, Credential credential) {
        this.clock = clock;
        // With an API URL, FleetConnection trades the password for a token; a token the dispatcher entered must
        // reach the broker as it is.
        // TODO: HTTP API writes must send an entered access token as a Bearer token, not as a Basic password.
        ConsoleSettings connectionSettings =
                credential == Credential.ACCESS_TOKEN ? settings.withApiUrl(null) : settings;
        this.connection = new FleetConnection(connectionSettings, inbox, clock);
        this.table = new VehicleTable(this::onTableSelection);
        this.map = new MapView(model, table::select);
        SplitPane split = new SplitPane(map, sidePanel());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.69);
        SplitPane.setResizableWithParent(tabs, false);
        root.setCenter(split);
        root.setBottom(statusBar.node());
        statusBar.node().getStyleClass().add("status-bar");
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long nowNanos) {
                onFrame();
            }
        };
    }

    /** Returns the side panel: one tab per view next to the map. */
    private TabPane sidePanel() {
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().add(new Tab("Vehicles", table.node()));
        // The alerts, dispatch and history tabs are added here as their views are built.
        return tabs;
    }

    /** Returns the URL of the console's style sheet, for the scene. */
    public static String stylesheet() {
        URL css = ConsoleView.class.getResource("console.css");
        if (css == null) {
            throw new IllegalStateException("console.css is missing from the class path next to ConsoleView");
        }
        return css.toExternalForm();
    }

    public Parent root() {
        return root;
    }

    /**
     * Sets what runs on the FX thread when the broker refuses the login or subscription; it receives the reason.
     * It runs once per refusal, because the connection does not retry after one.
     */
    public void setOnRefused(Consumer<String> action) {
        onRefused = action;
    }

    /** Starts the connection and the frame timer. */
    public void start() {
        onFrame();
        timer.start();
        connection.start();
    }

    /** Stops the frame timer and closes the connection. */
    public void stop() {
        timer.stop();
        connection.close();
    }

    public ConnectionState connectionState() {
        return connection.status().state();
    }

    public String connectionText() {
        return statusBar.connectionText();
    }

    public String connectionDetail() {
        return statusBar.detailText();
    }

    public String staleText() {
        return statusBar.staleText();
    }

    public int vehicleRowCount() {
        return table.rowCount();
    }

    public int drawnMarkerCount() {
        return map.drawnMarkers();
    }

    public int staleVehicleCount() {
        return model.staleCount();
    }

    public long malformedMessageCount() {
        return inbox.malformedCount();
    }

    public int trailPointCount() {
        return model.vehicles().stream().mapToInt(track -> track.trail().size()).sum();
    }

    public void selectVehicle(String vehicleId) {
        table.select(vehicleId);
    }

    public int connectAttempts() {
        return connection.connectAttempts();
    }

    private void onFrame() {
        Instant now = clock.instant();
        FleetInbox.Drained drained = inbox.drain();
        boolean changed = model.apply(drained);
        long second = now.getEpochSecond();
        if (changed) {
            syncTable(drained, now);
            map.modelChanged();
        }
        if (second != lastRefreshSecond) {
            table.refreshAges(now);
        }
        ConnectionStatus status = connection.status();
        if (changed || second != lastRefreshSecond || status != shownStatus) {
            boolean newlyRefused = status.state() == ConnectionState.REFUSED
                    && (shownStatus == null || shownStatus.state() != ConnectionState.REFUSED);
            statusBar.update(status, inbox.lastMessageTime(), model, inbox.malformedCount(), now);
            lastRefreshSecond = second;
            shownStatus = status;
            if (newlyRefused) {
                onRefused.accept(Objects.requireNonNullElse(status.detail(), "the broker refused the login"));
            }
        }
        map.redrawIfNeeded();
    }

    private void syncTable(FleetInbox.Drained drained, Instant now) {
        // A stale mark touches every vehicle; otherwise only the updated rows change.
        if (drained.staleMark() != null) {
            table.sync(model.vehicles(), now);
        } else {
            table.sync(updatedTracks(drained), now);
        }
    }

    private List<VehicleTrack> updatedTracks(FleetInbox.Drained drained) {
        List<VehicleTrack> tracks = new ArrayList<>(drained.updates().size());
        for (PendingUpdate update : drained.updates()) {
            model.vehicle(update.vehicleId()).ifPresent(tracks::add);
        }
        return tracks;
    }

    private void onTableSelection(@Nullable String vehicleId) {
        map.select(vehicleId);
    }
}
