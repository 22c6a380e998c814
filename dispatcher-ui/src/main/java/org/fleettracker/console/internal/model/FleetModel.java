package org.fleettracker.console.internal.model;

import org.fleettracker.console.internal.ConsoleConfig;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fleet as the console shows it, changed once per frame from a {@link FleetInbox}.
 *
 * <p>Not thread safe: only the FX thread (or a test) uses it.
 */
public final class FleetModel {

    private final int trailLength;
    private final SpeedHistory speeds;
    private final Map<String, VehicleTrack> vehicles = new TreeMap<>();
    private @Nullable Instant staleSince;
    private long version;

    public FleetModel() {
        this(ConsoleConfig.TRAIL_LENGTH);
    }

    public FleetModel(int trailLength) {
        this(trailLength, ConsoleConfig.SPEED_HISTORY_WINDOW);
    }

    public FleetModel(int trailLength, Duration speedHistoryWindow) {
        this.trailLength = trailLength;
        this.speeds = new SpeedHistory(
                speedHistoryWindow, ConsoleConfig.SPEED_SAMPLE_MIN_SPACING, ConsoleConfig.SPEED_HISTORY_MAX_SAMPLES);
    }

    /**
     * Applies a stale mark first, then the updates; returns whether anything changed.
     *
     * <p>An update clears a vehicle's stale mark only when it arrived after the connection loss.
     */
    public boolean apply(FleetInbox.Drained drained) {
        if (drained.isEmpty()) {
            return false;
        }
        StaleMark mark = drained.staleMark();
        if (mark != null) {
            markStale(mark);
        }
        for (PendingUpdate update : drained.updates()) {
            vehicles.computeIfAbsent(update.vehicleId(), id -> new VehicleTrack(id, trailLength))
                    .apply(update);
            for (SpeedSample sample : update.speedSamples()) {
                speeds.add(update.vehicleId(), sample.fixTime(), sample.speedKmh());
            }
        }
        // Counting stale vehicles visits the whole fleet, so only do it while some may still be stale.
        if (staleSince != null && staleCount() == 0) {
            staleSince = null;
        }
        version++;
        return true;
    }

    private void markStale(StaleMark mark) {
        if (vehicles.isEmpty()) {
            return;
        }
        vehicles.values().forEach(track -> track.markStale(mark.sequence()));
        if (staleSince == null) {
            staleSince = mark.since();
        }
    }

    /**
     * Inserts a vehicle's positions that the console missed during a connection loss into its trail and speed
     * history. Returns how many trail points were added, 0 for an unknown vehicle.
     */
    public int fillGap(String vehicleId, List<TrailPoint> points, List<SpeedSample> newSpeeds) {
        VehicleTrack track = vehicles.get(vehicleId);
        if (track == null) {
            return 0;
        }
        speeds.merge(vehicleId, newSpeeds);
        int added = track.fillGap(points);
        version++;
        return added;
    }

    /** Returns the recent speeds of every vehicle, fed by states and by the refill after a reconnect. */
    public SpeedHistory speedHistory() {
        return speeds;
    }

    /** Marks every vehicle fresh, once the console has refilled what it missed during a connection loss. */
    public void clearStale() {
        vehicles.values().forEach(VehicleTrack::clearStale);
        staleSince = null;
        version++;
    }

    /** Returns every vehicle, ordered by id. */
    public Collection<VehicleTrack> vehicles() {
        return Collections.unmodifiableCollection(vehicles.values());
    }

    public Optional<VehicleTrack> vehicle(String vehicleId) {
        return Optional.ofNullable(vehicles.get(vehicleId));
    }

    public int size() {
        return vehicles.size();
    }

    public int staleCount() {
        return (int) vehicles.values().stream().filter(VehicleTrack::isStale).count();
    }

    /** Returns when the shown data went stale, or null while every vehicle is fresh. */
    public @Nullable Instant staleSince() {
        return staleSince;
    }

    /** Returns the box around every vehicle's latest position, or empty while none has a position. */
    public Optional<GeoBounds> bounds() {
        List<GeoPoint> positions = new ArrayList<>(vehicles.size());
        vehicles.values().forEach(track -> track.position().ifPresent(positions::add));
        return GeoBounds.around(positions);
    }

    /** Returns a number that grows with every change, so views can tell when to redraw. */
    public long version() {
        return version;
    }
}
