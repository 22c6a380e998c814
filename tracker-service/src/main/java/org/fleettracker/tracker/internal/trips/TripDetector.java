package org.fleettracker.tracker.internal.trips;

import org.fleettracker.tracker.api.FleetSettings;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Splits one vehicle's accepted fixes, fed in fix-time order, into trips and stops. Pure: no database, no clock.
 * Not thread-safe.
 *
 * <p>A fix is stationary when {@link TrackPoint#stationary()}. A halt starts at a stationary fix and goes on while
 * the following fixes are slow ({@link TrackPoint#slow()}, so GPS speed jitter around the threshold does not end
 * it) and within {@code fleet.stop-radius-m} of that first fix. A halt that lasts
 * {@code fleet.stop-min-duration} becomes a stop. A halt also becomes a stop when no fix follows it for that long
 * (the vehicle parked and its tracker went silent). A shorter halt, such as at a traffic light, stays inside the
 * movement around it.
 *
 * <p>The movement between two stops is a trip when it covers at least {@code fleet.trip-min-distance-m} and lasts
 * at least {@code fleet.trip-min-duration}. Shorter movement is merged into the stop before it, or into the stop
 * after it when the track starts with it. A trip is reported as open as soon as it qualifies, and it ends the stop
 * before it at that moment. Ignition off makes a fix stationary whatever its GPS speed, but a stop still needs the
 * minimum duration.
 */
public final class TripDetector {

    /**
     * Steps between slow fixes shorter than this, measured from the last fix that added distance, add no distance, so
     * GPS jitter at a standstill (twice the accuracy radius from peak to peak) does not grow a trip.
     */
    static final double STATIONARY_JITTER_FLOOR_M = 30;

    private final String fleetId;
    private final String vehicleId;
    private final FleetSettings settings;
    private final Supplier<String> ids;
    private final List<Trip> closedTrips = new ArrayList<>();
    private final List<Stop> closedStops = new ArrayList<>();
    private @Nullable StopBuilder stop;
    private @Nullable String stopId;
    private @Nullable Leg leg;
    private @Nullable Halt halt;
    private @Nullable String openTripId;
    private @Nullable TrackPoint last;

    /**
     * @param ids supplies the id of each new trip and stop
     */
    public TripDetector(String fleetId, String vehicleId, FleetSettings settings, Supplier<String> ids) {
        this.fleetId = fleetId;
        this.vehicleId = vehicleId;
        this.settings = settings;
        this.ids = ids;
    }

    /**
     * Feeds the next fix.
     *
     * @throws IllegalArgumentException when its fix time is before the previous fix's
     */
    public void accept(TrackPoint point) {
        if (last != null && point.fixTime().isBefore(last.fixTime())) {
            throw new IllegalArgumentException("fix time " + point.fixTime() + " of vehicle " + vehicleId
                    + " is before the previous fix time " + last.fixTime() + "; fixes must come in fix-time order");
        }
        advanceTo(point.fixTime());
        if (leg == null) {
            acceptAtStandstill(point);
        } else {
            acceptWhileMoving(point);
        }
        last = point;
        if (halt != null && longEnough(halt.anchor().fixTime(), point.fixTime())) {
            confirmHalt(halt);
        }
        confirmTripIfLongEnough();
    }

    /**
     * Applies the passing of time without a fix: a halt with no fix after it for {@code fleet.stop-min-duration}
     * becomes a stop.
     *
     * @return whether that closed a trip or changed the stop, so {@link #drain()} has new segments
     */
    public boolean advanceTo(Instant now) {
        if (halt != null && last != null && longEnough(last.fixTime(), now)) {
            confirmHalt(halt);
            return true;
        }
        return false;
    }

    public String fleetId() {
        return fleetId;
    }

    /** Fix time of the latest fix fed, or null before the first. */
    public @Nullable Instant lastFixTime() {
        return last == null ? null : last.fixTime();
    }

    /**
     * Returns the trips and stops closed since the previous call, followed by the open trip or stop, if any.
     * Movement that does not qualify as a trip yet appears in neither list.
     */
    public Segments drain() {
        List<Trip> trips = new ArrayList<>(closedTrips);
        List<Stop> stops = new ArrayList<>(closedStops);
        closedTrips.clear();
        closedStops.clear();
        if (openTripId != null && leg != null) {
            trips.add(trip(openTripId, leg, true));
        }
        if (stop != null && stopId != null) {
            stops.add(stop.toStop(stopId, fleetId, vehicleId, null));
        }
        return new Segments(trips, stops);
    }

    private void acceptAtStandstill(TrackPoint point) {
        if (stop != null && point.slow() && withinStopRadius(stop.anchor(), point)) {
            stop = stop.plus(point);
            return;
        }
        Leg started =
                stop == null ? Leg.start(point) : Leg.start(stop.lastFix()).plus(point);
        leg = started;
        halt = point.stationary() ? new Halt(point, started, StopBuilder.start(point)) : null;
    }

    private void acceptWhileMoving(TrackPoint point) {
        Leg extended = leg.plus(point);
        leg = extended;
        if (halt != null && point.slow() && withinStopRadius(halt.anchor(), point)) {
            halt = halt.plus(point);
        } else {
            halt = point.stationary() ? new Halt(point, extended, StopBuilder.start(point)) : null;
        }
    }

    private void confirmTripIfLongEnough() {
        if (openTripId != null || leg == null) {
            return;
        }
        // While a halt is pending, only the movement up to its start counts: the halt may still become the stop.
        Leg movement = halt == null ? leg : halt.legAtStart();
        if (qualifies(movement)) {
            closeStop();
            openTripId = ids.get();
        }
    }

    private void confirmHalt(Halt confirmed) {
        Leg movement = confirmed.legAtStart();
        if (openTripId != null) {
            closedTrips.add(trip(openTripId, movement, false));
            openTripId = null;
            openStop(confirmed.stop());
        } else if (qualifies(movement)) {
            closeStop();
            closedTrips.add(trip(ids.get(), movement, false));
            openStop(confirmed.stop());
        } else if (stop != null) {
            stop = stop.merge(confirmed.stop());
        } else {
            openStop(confirmed.stop().startingAt(movement.start().fixTime()));
        }
        leg = null;
        halt = null;
    }

    private void openStop(StopBuilder opened) {
        stop = opened;
        stopId = ids.get();
    }

    private void closeStop() {
        if (stop != null && stopId != null) {
            closedStops.add(
                    stop.toStop(stopId, fleetId, vehicleId, stop.lastFix().fixTime()));
        }
        stop = null;
        stopId = null;
    }

    private boolean qualifies(Leg movement) {
        return movement.count() >= 2
                && movement.distanceM() >= settings.tripMinDistanceM()
                && movement.duration().compareTo(settings.tripMinDuration()) >= 0;
    }

    private boolean longEnough(Instant from, Instant to) {
        return Duration.between(from, to).compareTo(settings.stopMinDuration()) >= 0;
    }

    private boolean withinStopRadius(TrackPoint anchor, TrackPoint point) {
        return anchor.distanceM(point) <= settings.stopRadiusM();
    }

    private Trip trip(String id, Leg movement, boolean open) {
        TrackPoint start = movement.start();
        TrackPoint end = movement.end();
        return new Trip(
                id,
                fleetId,
                vehicleId,
                start.fixTime(),
                start.latitudeDeg(),
                start.longitudeDeg(),
                end.fixTime(),
                end.latitudeDeg(),
                end.longitudeDeg(),
                movement.distanceM(),
                movement.maxSpeedKmh(),
                movement.count(),
                open);
    }

    /**
     * Movement since the vehicle left a stop (or since its first fix).
     *
     * @param lastCounted the latest fix that added distance, from which jitter is measured
     */
    private record Leg(
            TrackPoint start, TrackPoint end, TrackPoint lastCounted, double distanceM, double maxSpeedKmh, int count) {

        static Leg start(TrackPoint point) {
            return new Leg(point, point, point, 0, point.speedKmh(), 1);
        }

        Leg plus(TrackPoint point) {
            double stepM = lastCounted.distanceM(point);
            double maxSpeed = Math.max(maxSpeedKmh, point.speedKmh());
            if (end.slow() && point.slow() && stepM < STATIONARY_JITTER_FLOOR_M) {
                return new Leg(start, point, lastCounted, distanceM, maxSpeed, count + 1);
            }
            return new Leg(start, point, point, distanceM + stepM, maxSpeed, count + 1);
        }

        Duration duration() {
            return Duration.between(start.fixTime(), end.fixTime());
        }
    }

    /**
     * A run of stationary fixes that may become a stop.
     *
     * @param anchor the first fix, within whose stop radius the following ones must stay
     * @param legAtStart the movement up to and including the anchor, which is the trip if the halt becomes a stop
     */
    private record Halt(TrackPoint anchor, Leg legAtStart, StopBuilder stop) {

        Halt plus(TrackPoint point) {
            return new Halt(anchor, legAtStart, stop.plus(point));
        }
    }

    /**
     * A stop being built. Its centroid is the mean of its stationary fixes' coordinates.
     *
     * @param anchor where the vehicle last halted, so later stationary fixes within the stop radius extend the stop
     */
    private record StopBuilder(
            Instant startTime,
            TrackPoint anchor,
            TrackPoint lastFix,
            double latitudeSum,
            double longitudeSum,
            int count) {

        static StopBuilder start(TrackPoint point) {
            return new StopBuilder(point.fixTime(), point, point, point.latitudeDeg(), point.longitudeDeg(), 1);
        }

        StopBuilder plus(TrackPoint point) {
            return new StopBuilder(
                    startTime,
                    anchor,
                    point,
                    latitudeSum + point.latitudeDeg(),
                    longitudeSum + point.longitudeDeg(),
                    count + 1);
        }

        /** Returns this stop extended by a later halt, after a hop too short to be a trip. */
        StopBuilder merge(StopBuilder later) {
            return new StopBuilder(
                    startTime,
                    later.anchor,
                    later.lastFix,
                    latitudeSum + later.latitudeSum,
                    longitudeSum + later.longitudeSum,
                    count + later.count);
        }

        StopBuilder startingAt(Instant time) {
            return new StopBuilder(time, anchor, lastFix, latitudeSum, longitudeSum, count);
        }

        // NOTE: the plain mean of coordinates is wrong for a stop across the antimeridian. Elsewhere, within a stop
        // radius of tens of metres, it differs from the true centroid by far less than GPS accuracy.
        Stop toStop(String id, String fleetId, String vehicleId, @Nullable Instant endTime) {
            return new Stop(
                    id,
                    fleetId,
                    vehicleId,
                    startTime,
                    endTime,
                    lastFix.fixTime(),
                    latitudeSum / count,
                    longitudeSum / count);
        }
    }
}
