package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.ConsoleDataDir;
import org.fleettracker.console.internal.api.TrackerApiClient;
import org.fleettracker.console.internal.model.EventFeed;
import org.fleettracker.console.internal.model.EventLog;
import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.internal.model.PendingUpdate;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.console.internal.mqtt.ConnectionStatus;
import org.fleettracker.console.internal.mqtt.FleetConnection;
import org.fleettracker.console.internal.outbox.ConsoleActions;
import org.fleettracker.console.internal.outbox.Outbox;
import org.jspecify.annotations.Nullable;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/**
 * The console's content: map, vehicle table and status bar, fed by one {@link FleetConnection}, with the event log,
 * the outbox of the dispatcher's actions and the refill after a reconnect.
 *
 * <p>An {@link AnimationTimer} moves what the MQTT threads left in the {@link FleetInbox} into the model and the
 * event log once per frame, so a burst of messages cannot flood the FX thread. Create and use it on the FX thread.
 * The data folder stays locked from the constructor until {@link #stop()}.
 */
public final class ConsoleView {

    private final Clock clock;
    private final FleetInbox inbox = new FleetInbox(ConsoleConfig.TRAIL_LENGTH);
    private final FleetModel model = new FleetModel(ConsoleConfig.TRAIL_LENGTH);
    private final EventLog eventLog = new EventLog(
            ConsoleConfig.EVENTS_MAX,
            ConsoleConfig.EVENTS_PER_VEHICLE_MAX,
            ConsoleConfig.ALERTS_MAX,
            ConsoleConfig.COMMAND_STATUSES_MAX);
    private final ConsoleDataDir dataDir;
    private final FleetConnection connection;
    private final Outbox outbox;
    private final Resync resync;
    private final MapView map;
    private final VehicleTable table;
    private final StatusBar statusBar = new StatusBar();
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final AnimationTimer timer;
    private long lastRefreshSecond = Long.MIN_VALUE;
    private @Nullable ConnectionStatus shownStatus;
    private long shownOutboxVersion = -1;

    /**
     * Opens the data folder and builds the view; {@link #start()} connects.
     *
     * @throws IllegalStateException when another console uses the data folder
     */
    public ConsoleView(ConsoleSettings settings, Clock clock) {
        this.clock = clock;
        this.dataDir = ConsoleDataDir.open(settings.dataDir(), settings.username());
        try {
            this.connection = new FleetConnection(settings, dataDir, inbox, clock);
            TrackerApiClient api = TrackerApiClient.of(settings, connection::accessToken);
            this.outbox = new Outbox(
                    dataDir.outboxFolder(),
                    api,
                    () -> connection.status().state() == ConnectionState.CONNECTED,
                    clock,
                    settings.reconnectMinDelay(),
                    settings.reconnectMaxDelay());
            this.resync = new Resync(api, clock);
        } catch (RuntimeException e) {
            dataDir.close();
            throw e;
        }
        this.table = new VehicleTable(this::onTableSelection);
        this.map = new MapView(model, table::select);
        SplitPane split = new SplitPane(map, sidePanel());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.69);
        SplitPane.setResizableWithParent(tabs, false);
        root.setCenter(split);
        root.setBottom(statusBar.node());
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

    /** Starts the connection, the outbox and the frame timer. */
    // TODO: read the open alerts from the tracker at start; a restarted console lists only alerts raised since then.
    public void start() {
        onFrame();
        timer.start();
        connection.start();
        outbox.start();
    }

    /** Stops the frame timer, closes the connection and the outbox, and unlocks the data folder. */
    public void stop() {
        timer.stop();
        resync.close();
        outbox.close();
        connection.close();
        dataDir.close();
    }

    /** Returns the dispatcher's actions, stored in the outbox until the tracker confirms them. */
    public ConsoleActions actions() {
        return outbox;
    }

    /** Returns the events and alerts the console received or refilled. */
    public EventFeed eventFeed() {
        return eventLog;
    }

    public String outboxText() {
        return statusBar.outboxText();
    }

    /** Returns the time from the last reconnect to a fresh picture, or null before the first reconnect. */
    public @Nullable Duration lastResyncDuration() {
        return resync.lastDuration();
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
        eventLog.addAll(drained.events());
        FleetInbox.Reconnect reconnect = drained.reconnect();
        if (reconnect != null) {
            resync.start(
                    reconnect,
                    model.vehicles().stream().map(VehicleTrack::vehicleId).toList());
        }
        boolean refilled = resync.applyFinished(model, eventLog);
        long second = now.getEpochSecond();
        if (refilled) {
            table.sync(model.vehicles(), now);
            map.modelChanged();
        } else if (changed) {
            syncTable(drained, now);
            map.modelChanged();
        }
        if (second != lastRefreshSecond) {
            table.refreshAges(now);
        }
        ConnectionStatus status = connection.status();
        if (status != shownStatus && status.state() == ConnectionState.CONNECTED) {
            outbox.wake();
        }
        long outboxVersion = outbox.version();
        if (changed
                || refilled
                || second != lastRefreshSecond
                || status != shownStatus
                || outboxVersion != shownOutboxVersion) {
            statusBar.update(
                    status, inbox.lastMessageTime(), model, inbox.malformedCount(), outbox.pendingCount(), now);
            lastRefreshSecond = second;
            shownStatus = status;
            shownOutboxVersion = outboxVersion;
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
