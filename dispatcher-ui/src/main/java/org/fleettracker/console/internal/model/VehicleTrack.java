package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Optional;

/** Console view of one vehicle: its latest state, presence, trail and whether it is stale. */
public final class VehicleTrack {

    private final String vehicleId;
    private final Trail trail;
    private @Nullable VehicleState state;
    private @Nullable Boolean online;
    private boolean stale;
    private long staleSequence;

    VehicleTrack(String vehicleId, int trailLength) {
        this.vehicleId = vehicleId;
        this.trail = new Trail(trailLength);
    }

    void apply(PendingUpdate update) {
        if (update.presenceIsNewer()) {
            applyState(update.state());
            applyPresence(update.presence(), update.presenceFleetId());
        } else {
            applyPresence(update.presence(), update.presenceFleetId());
            applyState(update.state());
        }
        trail.addAll(update.passedPoints().points());
        if (update.lastSequence() > staleSequence) {
            stale = false;
        }
    }

    /** Inserts positions missed during a connection loss; returns how many trail points were added. */
    int fillGap(List<TrailPoint> points) {
        return trail.insertAll(points);
    }

    void clearStale() {
        stale = false;
    }

    void markStale(long sequence) {
        stale = true;
        staleSequence = Math.max(staleSequence, sequence);
    }

    private void applyState(@Nullable VehicleState newState) {
        if (newState == null || (state != null && !StateOrder.supersedes(newState, state))) {
            return;
        }
        state = newState;
        if (newState.online() != null) {
            online = newState.online();
        }
    }

    /**
     * Applies a presence unless it came on a topic of another fleet than the vehicle's state names: a vehicle
     * account of one fleet may publish presence under any vehicle id of its own fleet, never of another.
     */
    private void applyPresence(@Nullable Presence presence, @Nullable String fleetId) {
        if (presence == null || (state != null && !state.fleetId().equals(fleetId))) {
            return;
        }
        online = presence == Presence.ONLINE;
    }

    public String vehicleId() {
        return vehicleId;
    }

    public Optional<VehicleState> state() {
        return Optional.ofNullable(state);
    }

    public Optional<GeoPoint> position() {
        return state().map(s -> new GeoPoint(s.latitudeDeg(), s.longitudeDeg()));
    }

    public VehicleStatus status() {
        if (Boolean.FALSE.equals(online)) {
            return VehicleStatus.OFFLINE;
        }
        if (state == null) {
            return VehicleStatus.NO_FIX;
        }
        return switch (state.status()) {
            case MOVING -> VehicleStatus.MOVING;
            case OFFLINE -> VehicleStatus.OFFLINE;
            case STOPPED -> VehicleStatus.STOPPED;
            case IDLE -> VehicleStatus.IDLE;
        };
    }

    /** Returns whether the vehicle is online, from its latest presence or state; null while neither has reported it. */
    public @Nullable Boolean online() {
        return online;
    }

    /** Returns whether the data comes from before a connection loss and has not been confirmed since. */
    public boolean isStale() {
        return stale;
    }

    public Trail trail() {
        return trail;
    }
}
