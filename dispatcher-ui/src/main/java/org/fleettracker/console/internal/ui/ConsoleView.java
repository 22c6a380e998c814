package org.fleettracker.console.internal.ui;

import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.api.Credential;
import org.fleettracker.console.api.Theme;
import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.console.internal.ConsoleDataDir;
import org.fleettracker.console.internal.api.TrackerApi;
import org.fleettracker.console.internal.api.TrackerApiClient;
import org.fleettracker.console.internal.metrics.ConsoleMeters;
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
    private final FleetModel model;
    // Set while a model carried over from an earlier view waits for its first full sync of the table and map.
    private boolean syncCarriedModel;
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
    private final VehiclesPanel vehicles;
    private final AlertsView alerts;
    private final StatusBar statusBar = new StatusBar();
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final AnimationTimer timer;
    private boolean stopped;
    private final DispatchView dispatch;
    private final PlaybackView playback;
    private final Tab dispatchTab;
    private final Tab historyTab;
    private long lastRefreshSecond = Long.MIN_VALUE;
    private @Nullable ConnectionStatus shownStatus;
    private long shownOutboxVersion = -1;
    private Consumer<String> onRefused = detail -> {};

    /**
     * Opens the data folder and builds the view; {@link #start()} connects.
     *
     * @throws IllegalStateException when another console uses the data folder
     */
    public ConsoleView(ConsoleSettings settings, Clock clock) {
        this(settings, clock, Credential.PASSWORD);
    }

    /** Creates the view; with an access token as {@code credential} the token goes to the broker unchanged. */
    public ConsoleView(ConsoleSettings settings, Clock clock, Credential credential) {
        this(settings, clock, credential, new FleetModel(ConsoleConfig.TRAIL_LENGTH));
    }

    /**
     * Creates the view on {@code model}, for example the model of the view it replaces, so that vehicles and their
     * trails stay on the map across a reconnect.
     */
    public ConsoleView(ConsoleSettings settings, Clock clock, Credential credential, FleetModel model) {
        this(settings, clock, credential, model, ConsoleMeters.unexported());
    }

    /** Creates the view as above; its connection, outbox and refills report to {@code meters}. */
    public ConsoleView(
            ConsoleSettings settings, Clock clock, Credential credential, FleetModel model, ConsoleMeters meters) {
        this.clock = clock;
        this.model = model;
        this.syncCarriedModel = model.size() > 0;
        this.dataDir = ConsoleDataDir.open(settings.dataDir(), settings.username());
        TrackerApiClient api;
        try {
            // With an API URL, FleetConnection trades the password for a token. A token that the dispatcher entered
            // goes to the broker unchanged and to the HTTP API as a Bearer token.
            boolean enteredToken = credential == Credential.ACCESS_TOKEN;
            ConsoleSettings connectionSettings = enteredToken ? settings.withApiUrl(null) : settings;
            this.connection = new FleetConnection(connectionSettings, dataDir, inbox, clock, meters);
            api = enteredToken
                    ? TrackerApiClient.of(settings, settings::password)
                    : TrackerApiClient.of(settings, connection::accessToken);
            this.outbox = new Outbox(
                    dataDir.outboxFolder(),
                    api,
                    () -> connection.status().state() == ConnectionState.CONNECTED,
                    clock,
                    settings.reconnectMinDelay(),
                    settings.reconnectMaxDelay(),
                    meters);
            this.resync = new Resync(api, clock, meters);
            meters.watch(() -> connection.status().state(), outbox::pendingCount);
        } catch (RuntimeException e) {
            dataDir.close();
            throw e;
        }
        this.vehicles = new VehiclesPanel(model, settings.fleetIds(), clock, this::onTableSelection);
        this.alerts = new AlertsView(clock, vehicles::select);
        this.map = new MapView(model, vehicles::select, settings, clock);
        this.dispatch = new DispatchView(map, clock);
        this.playback = new PlaybackView(map, clock);
        this.dispatchTab = new Tab("Dispatch", dispatch.node());
        this.historyTab = new Tab("History", playback.node());
        setConsoleActions(outbox);
        setEventFeed(eventLog);
        setTrackerApi(api);
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
        tabs.getTabs().add(new Tab("Vehicles", vehicles.node()));
        tabs.getTabs().add(alerts.tab());
        tabs.getTabs().addAll(dispatchTab, historyTab);
        tabs.getSelectionModel().selectedItemProperty().addListener((property, was, tab) -> {
            dispatch.setShown(tab == dispatchTab);
            playback.setShown(tab == historyTab);
        });
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

    VehiclesPanel vehiclesPanel() {
        return vehicles;
    }

    AlertsView alertsView() {
        return alerts;
    }

    /** Brings the side panel's tab titled {@code title}, or starting with it, to the front. */
    void showTab(String title) {
        tabs.getTabs().stream()
                .filter(tab -> tab.getText().startsWith(title))
                .findFirst()
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
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

    /** Starts the connection, the outbox and the frame timer. */
    public void start() {
        onFrame();
        timer.start();
        connection.start();
        outbox.start();
    }

    /**
     * Stops the frame timer and the history replay, closes the connection and the outbox, and unlocks the data
     * folder. Calls after the first do nothing.
     */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        timer.stop();
        playback.stop();
        vehicles.stop();
        resync.close();
        outbox.close();
        connection.close();
        map.close();
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

    /** Returns the vehicles and trails that this view shows. */
    public FleetModel model() {
        return model;
    }

    /** Switches the map to the colours of {@code theme}; the style sheets of the scene switch the controls. */
    public void setTheme(Theme theme) {
        map.setTheme(theme);
    }

    /** Replaces the outbox through which alerts are acknowledged and jobs and commands sent; null disables sending. */
    public void setConsoleActions(@Nullable ConsoleActions actions) {
        alerts.setActions(actions);
        dispatch.setActions(actions);
    }

    /**
     * Sets the source of the alerts, the vehicle details' events and the command statuses; null shows that none is
     * connected.
     */
    public void setEventFeed(@Nullable EventFeed feed) {
        vehicles.setEventFeed(feed);
        alerts.setEventFeed(feed);
        dispatch.setEventFeed(feed);
    }

    /** Sets the tracker's API, which fills the speed chart and loads history playback; null disables both. */
    public void setTrackerApi(@Nullable TrackerApi api) {
        vehicles.setTrackerApi(api);
        playback.setTrackerApi(api);
    }

    DispatchView dispatchView() {
        return dispatch;
    }

    PlaybackView playbackView() {
        return playback;
    }

    MapView mapView() {
        return map;
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

    /** Returns how many rows the vehicle table lists, after its filters. */
    public int vehicleRowCount() {
        return vehicles.table().rowCount();
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
        vehicles.select(vehicleId);
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
        boolean newSecond = second != lastRefreshSecond;
        if (refilled || syncCarriedModel) {
            syncCarriedModel = false;
            vehicles.sync(model.vehicles(), now);
            map.modelChanged();
            playback.syncVehicleIds(model);
        } else if (changed) {
            syncTable(drained, now);
            map.modelChanged();
            playback.syncVehicleIds(model);
        }
        dispatch.onFrame(model, changed, newSecond);
        if (second != lastRefreshSecond) {
            vehicles.refreshAges(now);
        }
        alerts.refresh(now, second != lastRefreshSecond);
        ConnectionStatus status = connection.status();
        if (status != shownStatus && status.state() == ConnectionState.CONNECTED) {
            // Every connect, the first included, sets a new status object, so this runs once per connect.
            outbox.wake();
            resync.readOpenAlerts();
        }
        long outboxVersion = outbox.version();
        if (changed
                || refilled
                || second != lastRefreshSecond
                || status != shownStatus
                || outboxVersion != shownOutboxVersion) {
            // A refused subscription shows in the status bar only: logging in again would not change it.
            boolean newlyRefused = status.state() == ConnectionState.REFUSED
                    && !status.subscriptionRefused()
                    && (shownStatus == null || shownStatus.state() != ConnectionState.REFUSED);
            statusBar.update(
                    status, inbox.lastMessageTime(), model, inbox.malformedCount(), outbox.pendingCount(), now);
            lastRefreshSecond = second;
            shownStatus = status;
            shownOutboxVersion = outboxVersion;
            if (newlyRefused) {
                onRefused.accept(Objects.requireNonNullElse(status.detail(), "the broker refused the login"));
            }
        }
        map.redrawIfNeeded();
    }

    private void syncTable(FleetInbox.Drained drained, Instant now) {
        // A stale mark touches every vehicle; otherwise only the updated rows change.
        if (drained.staleMark() != null) {
            vehicles.sync(model.vehicles(), now);
        } else {
            vehicles.sync(updatedTracks(drained), now);
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
        dispatch.chooseVehicle(vehicleId);
        playback.chooseVehicle(vehicleId);
    }
}
