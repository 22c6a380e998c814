package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.storage.VehicleCondition;
import org.fleettracker.tracker.internal.storage.VehicleVersionStore;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides when a vehicle is offline, back online, or online with stale data.
 *
 * <ul>
 *   <li>offline: its presence turned offline (its last will when the connection dropped), or it is not known to
 *       be online and sent no fix for {@code fleet.offline-timeout}, or its presence is online but it sent no fix
 *       for {@code fleet.online-silence-timeout}. Raises an {@code offline} alert and sets the state's status to
 *       offline.
 *   <li>online: an offline vehicle sends a fix or an online presence. Raises an {@code online} event.
 *   <li>stale: its presence is online but its latest fix arrived more than {@code fleet.stale-after} ago, as when
 *       the GPS receiver lost its fix. Raises one {@code stale} alert until the next fix.
 * </ul>
 *
 * <p>Open conditions are stored, so a restart neither raises them again nor loses them.
 */
final class ConnectivityRule implements FleetRule {

    static final String OFFLINE = "offline";
    static final String STALE = "stale";

    private static final String BY_PRESENCE = "presence";
    private static final String BY_TIMEOUT = "timeout";
    private static final String BY_SILENCE = "silence";

    private final Conditions offline = new Conditions(OFFLINE);
    private final Conditions stale = new Conditions(STALE);
    private boolean statesFilled;

    /** When each vehicle's presence last turned online, so a reconnected vehicle is not stale at once. */
    private final Map<String, Instant> onlineSince = new HashMap<>();

    /**
     * Vehicles whose {@link #onlineSince} another tracker instance may have changed; read again from the presence
     * that {@code vehicle_versions} stores, before the next batch or tick uses them.
     */
    private final Set<String> presenceForgotten = new HashSet<>();

    private final VehicleVersionStore versions = new VehicleVersionStore();

    @Override
    public void onBatch(RuleContext context) throws SQLException {
        reloadPresence(context);
        for (PresenceChange change : context.presenceChanges()) {
            if (change.online()) {
                onlineSince.put(change.vehicleId(), change.receivedTime());
                backOnline(context, change.vehicleId(), BY_PRESENCE, change.receivedTime());
            } else {
                goneOffline(context, change.fleetId(), change.vehicleId(), BY_PRESENCE, change.receivedTime());
            }
        }
        for (String vehicleId : context.inOrderPositionsByVehicle().keySet()) {
            stale.remove(context.connection(), vehicleId);
            VehicleCondition condition = offline.get(context.connection(), vehicleId);
            if (condition != null && BY_TIMEOUT.equals(condition.detail())) {
                backOnline(context, vehicleId, "fix", context.now());
            }
        }
    }

    @Override
    public void onTick(RuleContext context) throws SQLException {
        reloadPresence(context);
        if (!statesFilled) {
            for (VehicleCondition condition : offline.all(context.connection())) {
                context.updateState(
                        condition.vehicleId(), state -> state.withStatus(MotionStatus.OFFLINE, context.now()));
            }
            statesFilled = true;
        }
        for (VehicleState state : context.states().all()) {
            if (offline.get(context.connection(), state.vehicleId()) != null) {
                continue;
            }
            Duration silent = Duration.between(state.receivedTime(), context.now());
            boolean online = Boolean.TRUE.equals(state.online());
            Duration silentOnline = silentSinceOnline(state, context.now());
            if (!online && silent.compareTo(context.settings().offlineTimeout()) >= 0) {
                goneOffline(context, state.fleetId(), state.vehicleId(), BY_TIMEOUT, state.receivedTime());
                context.updateState(state.vehicleId(), s -> s.withStatus(MotionStatus.OFFLINE, context.now()));
            } else if (online && silentOnline.compareTo(context.settings().onlineSilenceTimeout()) >= 0) {
                // A retained online presence that nothing retracts, such as a dead gateway's, must not keep the
                // vehicle online for ever.
                goneOffline(context, state.fleetId(), state.vehicleId(), BY_SILENCE, state.receivedTime());
                context.updateState(state.vehicleId(), s -> s.withStatus(MotionStatus.OFFLINE, context.now()));
            } else if (online
                    && silentOnline.compareTo(context.settings().staleAfter()) >= 0
                    && stale.get(context.connection(), state.vehicleId()) == null) {
                raiseStale(context, state, silent);
            }
        }
    }

    /** Returns how long the vehicle sent no fix, counted from its last fix or from when it came online, if later. */
    private Duration silentSinceOnline(VehicleState state, Instant now) {
        Instant since = state.receivedTime();
        Instant online = onlineSince.get(state.vehicleId());
        if (online != null && online.isAfter(since)) {
            since = online;
        }
        return Duration.between(since, now);
    }

    @Override
    public void reset() {
        onlineSince.clear();
        presenceForgotten.clear();
        offline.reset();
        stale.reset();
        statesFilled = false;
    }

    @Override
    public void forget(Set<String> vehicleIds) {
        offline.forget(vehicleIds);
        stale.forget(vehicleIds);
        vehicleIds.forEach(onlineSince::remove);
        presenceForgotten.addAll(vehicleIds);
    }

    private void reloadPresence(RuleContext context) throws SQLException {
        if (presenceForgotten.isEmpty()) {
            return;
        }
        for (VehicleVersionStore.VehicleVersion row :
                versions.find(context.connection(), presenceForgotten).values()) {
            if (Boolean.TRUE.equals(row.online()) && row.presenceTime() != null) {
                onlineSince.put(row.vehicleId(), row.presenceTime());
            }
        }
        presenceForgotten.clear();
    }

    private void goneOffline(RuleContext context, String fleetId, String vehicleId, String cause, Instant since)
            throws SQLException {
        if (offline.get(context.connection(), vehicleId) != null) {
            return;
        }
        offline.save(context.connection(), new VehicleCondition(vehicleId, OFFLINE, fleetId, since, true, cause));
        stale.remove(context.connection(), vehicleId);
        context.raise(
                fleetId,
                vehicleId,
                OFFLINE,
                switch (cause) {
                    case BY_TIMEOUT -> since.plus(context.settings().offlineTimeout());
                    case BY_SILENCE -> context.now();
                    default -> since;
                },
                EventSeverity.WARNING,
                true,
                Map.of("cause", cause, "lastSeenTime", since.toString()));
    }

    private void backOnline(RuleContext context, String vehicleId, String cause, Instant time) throws SQLException {
        VehicleCondition condition = offline.get(context.connection(), vehicleId);
        if (condition == null) {
            return;
        }
        offline.remove(context.connection(), vehicleId);
        long offlineS = Math.max(0, Duration.between(condition.since(), time).toSeconds());
        context.raise(
                condition.fleetId(),
                vehicleId,
                "online",
                time,
                EventSeverity.INFO,
                false,
                Map.of("cause", cause, "offlineS", Long.toString(offlineS)));
    }

    private void raiseStale(RuleContext context, VehicleState state, Duration silent) throws SQLException {
        stale.save(
                context.connection(),
                new VehicleCondition(state.vehicleId(), STALE, state.fleetId(), state.receivedTime(), true, null));
        context.raise(
                state.fleetId(),
                state.vehicleId(),
                STALE,
                context.now(),
                EventSeverity.WARNING,
                true,
                Map.of(
                        "lastFixTime", state.fixTime().toString(),
                        "silentS", Long.toString(silent.toSeconds())));
    }
}
