package org.fleettracker.tracker.internal.geofence;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.fleet.FleetRule;
import org.fleettracker.tracker.internal.fleet.RuleContext;
import org.fleettracker.tracker.internal.geo.GeoPoint;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Raises {@code geofence-entered}, {@code geofence-left} and {@code geofence-dwell} events.
 *
 * <p>A vehicle enters a geofence of its fleet with a fix at least {@code fleet.geofence-hysteresis-m} inside the
 * border, and leaves it with a fix more than that distance outside; fixes in between change nothing, so a vehicle
 * driving along the border raises no storm of events. A vehicle's first fix inside a geofence enters it. The dwell
 * event is raised once per visit, when the vehicle has been inside for the geofence's dwell time (or
 * {@code fleet.geofence-dwell}), on a fix or on a tick. A late fix, older than the latest fix this rule applied for
 * the vehicle (or than the vehicle's state before the batch), is ignored, so it cannot flip a crossing backwards.
 *
 * <p>Presence is stored in {@code geofence_presence} within the batch's transaction and cached in memory. The cache
 * is read again after a rollback and whenever the {@link GeofenceRegistry} changes.
 */
public final class GeofenceRule implements FleetRule {

    public static final String ENTERED = "geofence-entered";
    public static final String LEFT = "geofence-left";
    public static final String DWELL = "geofence-dwell";

    private static final Logger log = LoggerFactory.getLogger(GeofenceRule.class);

    private final GeofenceRegistry registry;
    private final GeofenceStore store = new GeofenceStore();
    private final GeofencePresenceReads presenceReads = new GeofencePresenceReads();
    private final Map<String, Instant> lastFixTimes = new HashMap<>();

    /** Presence per vehicle and geofence id; null until read from the database. */
    private @Nullable Map<String, Map<String, GeofencePresence>> presence;

    private long presenceVersion = -1;

    /** Vehicles whose cached presence was forgotten; read again in one query before the cache is used. */
    private final Set<String> presenceForgotten = new HashSet<>();

    public GeofenceRule(GeofenceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onBatch(RuleContext context) throws SQLException {
        GeofenceRegistry.Snapshot geofences = geofences(context);
        Map<String, Map<String, GeofencePresence>> cache = presence(context, geofences);
        double hysteresisM = context.settings().geofenceHysteresisM();
        for (Map.Entry<String, List<StoredPosition>> track :
                context.positionsByVehicle().entrySet()) {
            String vehicleId = track.getKey();
            Map<String, GeofencePresence> vehiclePresence = cache.computeIfAbsent(vehicleId, id -> new HashMap<>());
            Instant lastFixTime = lastFixTime(context, vehicleId);
            for (StoredPosition position : track.getValue()) {
                Instant fixTime = position.fix().fixTime();
                if (lastFixTime != null && fixTime.isBefore(lastFixTime)) {
                    log.trace("Late fix of vehicle {} at {} skipped for geofences", vehicleId, fixTime);
                    continue;
                }
                for (GeofenceRegistry.Entry entry : geofences.inFleet(position.fleetId())) {
                    apply(context, position, entry, vehiclePresence, hysteresisM);
                }
                lastFixTime = fixTime;
            }
            if (lastFixTime != null) {
                lastFixTimes.put(vehicleId, lastFixTime);
            }
        }
    }

    @Override
    public void onTick(RuleContext context) throws SQLException {
        GeofenceRegistry.Snapshot geofences = geofences(context);
        for (Map<String, GeofencePresence> vehiclePresence :
                presence(context, geofences).values()) {
            for (GeofencePresence current : List.copyOf(vehiclePresence.values())) {
                Geofence geofence = geofences.find(current.geofenceId()).orElse(null);
                if (geofence != null) {
                    raiseDwellWhenDue(context, geofence, current, context.now(), vehiclePresence);
                }
            }
        }
    }

    @Override
    public void reset() {
        presence = null;
        presenceForgotten.clear();
        lastFixTimes.clear();
    }

    @Override
    public void forget(Set<String> vehicleIds) {
        Map<String, Map<String, GeofencePresence>> cache = presence;
        if (cache != null) {
            vehicleIds.forEach(cache::remove);
            presenceForgotten.addAll(vehicleIds);
        }
        vehicleIds.forEach(lastFixTimes::remove);
    }

    private void apply(
            RuleContext context,
            StoredPosition position,
            GeofenceRegistry.Entry entry,
            Map<String, GeofencePresence> vehiclePresence,
            double hysteresisM)
            throws SQLException {
        Geofence geofence = entry.geofence();
        GeofencePresence current = vehiclePresence.get(geofence.id());
        boolean inside = current != null && current.inside();
        double latitudeDeg = position.fix().latitudeDeg();
        double longitudeDeg = position.fix().longitudeDeg();
        if (!inside && !entry.near(latitudeDeg, longitudeDeg, 0)) {
            return;
        }
        // Outside the box grown by the hysteresis the vehicle is farther than that outside, so it has left.
        double distanceM = entry.near(latitudeDeg, longitudeDeg, hysteresisM)
                ? geofence.shape().signedDistanceM(new GeoPoint(latitudeDeg, longitudeDeg))
                : Double.POSITIVE_INFINITY;
        Instant fixTime = position.fix().fixTime();
        if (!inside && distanceM <= -hysteresisM) {
            current = cross(context, geofence, position, true, vehiclePresence);
        } else if (inside && distanceM > hysteresisM) {
            cross(context, geofence, position, false, vehiclePresence);
            return;
        }
        if (current != null && current.inside()) {
            raiseDwellWhenDue(context, geofence, current, fixTime, vehiclePresence);
        }
    }

    private GeofencePresence cross(
            RuleContext context,
            Geofence geofence,
            StoredPosition position,
            boolean entered,
            Map<String, GeofencePresence> vehiclePresence)
            throws SQLException {
        Instant fixTime = position.fix().fixTime();
        GeofencePresence changed = new GeofencePresence(position.vehicleId(), geofence.id(), entered, fixTime, false);
        store.savePresence(context.connection(), changed);
        vehiclePresence.put(geofence.id(), changed);
        // TODO: crossings are never alerts, because geofences have no flag yet that asks for an alert on entry or exit.
        context.raise(
                geofence.fleetId(),
                position.vehicleId(),
                entered ? ENTERED : LEFT,
                fixTime,
                EventSeverity.INFO,
                false,
                Map.of("geofenceId", geofence.id(), "name", geofence.name()));
        return changed;
    }

    /** Raises the visit's dwell event when the vehicle has been inside for the dwell time by {@code time}. */
    private void raiseDwellWhenDue(
            RuleContext context,
            Geofence geofence,
            GeofencePresence current,
            Instant time,
            Map<String, GeofencePresence> vehiclePresence)
            throws SQLException {
        if (!current.inside() || current.dwellRaised()) {
            return;
        }
        Duration dwell = geofence.dwellOr(context.settings().geofenceDwell());
        Instant due = current.since().plus(dwell);
        if (time.isBefore(due)) {
            return;
        }
        GeofencePresence raised = current.withDwellRaised();
        store.savePresence(context.connection(), raised);
        vehiclePresence.put(geofence.id(), raised);
        context.raise(
                geofence.fleetId(),
                current.vehicleId(),
                DWELL,
                due,
                EventSeverity.INFO,
                false,
                Map.of(
                        "geofenceId", geofence.id(),
                        "name", geofence.name(),
                        "dwellS", Long.toString(dwell.toSeconds())));
    }

    private GeofenceRegistry.Snapshot geofences(RuleContext context) throws SQLException {
        if (!registry.snapshot().loaded()) {
            registry.load(context.connection());
        }
        return registry.snapshot();
    }

    private Map<String, Map<String, GeofencePresence>> presence(
            RuleContext context, GeofenceRegistry.Snapshot geofences) throws SQLException {
        Map<String, Map<String, GeofencePresence>> cache = presence;
        if (cache != null && presenceVersion == geofences.version()) {
            if (!presenceForgotten.isEmpty()) {
                for (GeofencePresence stored : presenceReads.find(context.connection(), presenceForgotten)) {
                    cache.computeIfAbsent(stored.vehicleId(), id -> new HashMap<>())
                            .put(stored.geofenceId(), stored);
                }
                presenceForgotten.clear();
            }
            return cache;
        }
        presenceForgotten.clear();
        cache = new HashMap<>();
        for (GeofencePresence stored : store.findPresence(context.connection())) {
            cache.computeIfAbsent(stored.vehicleId(), id -> new HashMap<>()).put(stored.geofenceId(), stored);
        }
        presence = cache;
        presenceVersion = geofences.version();
        return cache;
    }

    /** Returns the latest fix time this rule applied for the vehicle, or the fix time of its state before the batch. */
    private @Nullable Instant lastFixTime(RuleContext context, String vehicleId) {
        Instant applied = lastFixTimes.get(vehicleId);
        if (applied != null) {
            return applied;
        }
        VehicleState state = context.states().get(vehicleId);
        return state == null ? null : state.fixTime();
    }
}
