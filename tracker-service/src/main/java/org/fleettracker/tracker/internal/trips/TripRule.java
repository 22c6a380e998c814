package org.fleettracker.tracker.internal.trips;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.fleet.FleetRule;
import org.fleettracker.tracker.internal.fleet.RuleContext;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps the {@code trips} and {@code stops} tables current and raises {@code trip-started}, {@code trip-ended} and
 * {@code trip-updated}.
 *
 * <p>In-order fixes feed a per-vehicle {@link TripDetector} held in memory. A vehicle's detector is rebuilt from the
 * stored positions on its first batch after a start or {@link #reset()}, replaying from the start of its latest
 * stored trip or stop. A late fix has a fix time before the latest fix the detector has seen. It makes the rule
 * replay the stored positions from the start of the trip or stop before the one that contains the late fix. The
 * result replaces the stored trips and stops of that window. Recomputed segments keep the ids of the stored ones
 * they replace (same start, or else the largest overlap).
 */
public final class TripRule implements FleetRule {

    private static final Logger log = LoggerFactory.getLogger(TripRule.class);

    /** Start of a window that begins with the vehicle's first fix. */
    private static final Instant BEGINNING = Instant.parse("0001-01-01T00:00:00Z");

    private final TripStore store = new TripStore();
    private final Supplier<String> ids;
    private final Map<String, TripDetector> detectors = new HashMap<>();

    /**
     * Vehicles whose detector {@link #forget} dropped and no batch rebuilt yet. A tick rebuilds the detector of such
     * a vehicle once it sent no fix for {@code fleet.stop-min-duration}, so that its halt still becomes a stop.
     */
    private final Set<String> rebuildOnTick = new HashSet<>();

    public TripRule() {
        this(() -> UUID.randomUUID().toString());
    }

    /** Creates a rule whose new trips and stops take their ids from {@code ids}. */
    TripRule(Supplier<String> ids) {
        this.ids = ids;
    }

    @Override
    public void onBatch(RuleContext context) throws SQLException {
        for (Map.Entry<String, List<StoredPosition>> entry :
                context.positionsByVehicle().entrySet()) {
            applyFixes(context, entry.getKey(), entry.getValue());
        }
    }

    @Override
    public void onTick(RuleContext context) throws SQLException {
        rebuildQuietVehicles(context);
        for (Map.Entry<String, TripDetector> entry : detectors.entrySet()) {
            TripDetector detector = entry.getValue();
            if (detector.advanceTo(context.now())) {
                Segments detected = detector.drain();
                Instant from = detected.earliestStart().orElse(context.now());
                store(context, detector.fleetId(), entry.getKey(), from, detected);
            }
        }
    }

    @Override
    public void reset() {
        detectors.clear();
        rebuildOnTick.clear();
    }

    @Override
    public void forget(Set<String> vehicleIds) {
        for (String vehicleId : vehicleIds) {
            detectors.remove(vehicleId);
            rebuildOnTick.add(vehicleId);
        }
    }

    /** Rebuilds the forgotten detectors of vehicles that sent no fix for {@code fleet.stop-min-duration}. */
    private void rebuildQuietVehicles(RuleContext context) throws SQLException {
        for (String vehicleId : List.copyOf(rebuildOnTick)) {
            VehicleState state = context.states().get(vehicleId);
            if (state == null || detectors.containsKey(vehicleId)) {
                rebuildOnTick.remove(vehicleId);
            } else if (!state.fixTime()
                    .plus(context.settings().stopMinDuration())
                    .isAfter(context.now())) {
                rebuildOnTick.remove(vehicleId);
                Instant from =
                        store.findLatestStart(context.connection(), vehicleId).orElse(null);
                replay(context, state.fleetId(), vehicleId, from);
            }
        }
    }

    private void applyFixes(RuleContext context, String vehicleId, List<StoredPosition> fixes) throws SQLException {
        Connection connection = context.connection();
        String fleetId = fixes.get(0).fleetId();
        Instant firstFixTime = fixes.get(0).fix().fixTime();
        TripDetector detector = detectors.get(vehicleId);
        Instant latestSeen = detector == null ? null : detector.lastFixTime();
        if (detector == null) {
            // The batch's fixes are stored already, so the replay includes them.
            Instant from = store.findLatestStart(connection, vehicleId).orElse(null);
            if (from != null && firstFixTime.isBefore(from)) {
                from = lateWindowStart(connection, vehicleId, firstFixTime);
            }
            replay(context, fleetId, vehicleId, from);
        } else if (latestSeen != null && firstFixTime.isBefore(latestSeen)) {
            Instant from = lateWindowStart(connection, vehicleId, firstFixTime);
            log.debug(
                    "Recomputing the trips of vehicle {} from {} because of a late fix at {}",
                    vehicleId,
                    from,
                    firstFixTime);
            replay(context, fleetId, vehicleId, from);
        } else {
            fixes.forEach(fix -> detector.accept(TrackPoint.of(fix)));
            Segments detected = detector.drain();
            if (!detected.isEmpty()) {
                store(context, fleetId, vehicleId, detected.earliestStart().orElseThrow(), detected);
            }
        }
    }

    /**
     * Returns where a replay for a late fix starts: the start of the trip or stop before the one that contains the
     * fix, so the corrected segment can still merge into the one before it. Null means the vehicle's first fix.
     */
    private @Nullable Instant lateWindowStart(Connection connection, String vehicleId, Instant lateFixTime)
            throws SQLException {
        List<Instant> starts = store.findSegmentStartsAtOrBefore(connection, vehicleId, lateFixTime, 2);
        return starts.isEmpty() ? null : starts.get(starts.size() - 1);
    }

    /**
     * Rebuilds the vehicle's detector from its stored fixes since {@code from} (null: its first fix) and replaces
     * the stored trips and stops that start in that window with the result.
     */
    private void replay(RuleContext context, String fleetId, String vehicleId, @Nullable Instant from)
            throws SQLException {
        TripDetector detector = new TripDetector(fleetId, vehicleId, context.settings(), ids);
        int count = TrackPoints.forEachSince(context.connection(), vehicleId, from, detector::accept);
        detector.advanceTo(context.now());
        detectors.put(vehicleId, detector);
        log.trace("Replayed {} fixes of vehicle {} from {}", count, vehicleId, from);
        Segments detected = detector.drain();
        Instant windowStart = from == null ? BEGINNING : from;
        store(
                context,
                fleetId,
                vehicleId,
                detected.earliestStart().filter(windowStart::isAfter).orElse(windowStart),
                detected);
    }

    /**
     * Replaces the vehicle's stored trips and stops that start at or after {@code from} with {@code detected}, and
     * raises an event for each trip that started, ended or changed.
     */
    private void store(RuleContext context, String fleetId, String vehicleId, Instant from, Segments detected)
            throws SQLException {
        Connection connection = context.connection();
        Segments stored = store.findStartingAtOrAfter(connection, vehicleId, from);
        List<Trip> trips = IdMatcher.match(
                detected.trips(),
                stored.trips(),
                trip -> new IdMatcher.Span(trip.startTime(), trip.endTime()),
                Trip::tripId,
                Trip::withId);
        List<Stop> stops = IdMatcher.match(
                detected.stops(),
                stored.stops(),
                stop -> new IdMatcher.Span(
                        stop.startTime(), stop.endTime() == null ? stop.lastFixTime() : stop.endTime()),
                Stop::stopId,
                Stop::withId);
        storeTrips(context, fleetId, stored.trips(), trips);
        storeStops(connection, stored.stops(), stops);
        context.markWritten(vehicleId);
    }

    private void storeTrips(RuleContext context, String fleetId, List<Trip> stored, List<Trip> trips)
            throws SQLException {
        Map<String, Trip> before = stored.stream().collect(Collectors.toMap(Trip::tripId, trip -> trip));
        Set<String> kept = trips.stream().map(Trip::tripId).collect(Collectors.toSet());
        for (Trip removed : stored) {
            if (!kept.contains(removed.tripId())) {
                store.deleteTrip(context.connection(), removed.tripId());
                raise(context, fleetId, "trip-updated", context.now(), removed, Map.of("removed", "true"));
            }
        }
        for (Trip trip : trips) {
            Trip old = before.get(trip.tripId());
            if (trip.equals(old)) {
                continue;
            }
            store.upsert(context.connection(), trip);
            if (old == null) {
                raise(context, fleetId, "trip-started", trip.startTime(), trip, Map.of());
            }
            if (!trip.open() && (old == null || old.open())) {
                raise(context, fleetId, "trip-ended", trip.endTime(), trip, Map.of());
            } else if (old != null && !old.open()) {
                raise(context, fleetId, "trip-updated", context.now(), trip, Map.of());
            }
        }
    }

    private void storeStops(Connection connection, List<Stop> stored, List<Stop> stops) throws SQLException {
        Map<String, Stop> before = stored.stream().collect(Collectors.toMap(Stop::stopId, stop -> stop));
        Set<String> kept = stops.stream().map(Stop::stopId).collect(Collectors.toSet());
        for (Stop removed : stored) {
            if (!kept.contains(removed.stopId())) {
                store.deleteStop(connection, removed.stopId());
            }
        }
        for (Stop stop : stops) {
            if (!stop.equals(before.get(stop.stopId()))) {
                store.upsert(connection, stop);
            }
        }
    }

    private static void raise(
            RuleContext context, String fleetId, String type, Instant time, Trip trip, Map<String, String> extra)
            throws SQLException {
        Map<String, String> attributes = new HashMap<>(extra);
        attributes.put("tripId", trip.tripId());
        attributes.put("distanceM", String.format(Locale.ROOT, "%.1f", trip.distanceM()));
        attributes.put("durationS", Long.toString(trip.durationS()));
        attributes.put("maxSpeedKmh", String.format(Locale.ROOT, "%.1f", trip.maxSpeedKmh()));
        context.raise(fleetId, trip.vehicleId(), type, time, EventSeverity.INFO, false, attributes);
    }
}
