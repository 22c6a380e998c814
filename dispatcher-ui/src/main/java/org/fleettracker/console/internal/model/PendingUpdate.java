package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

/**
 * Everything received for one vehicle since the last frame: the latest state, the positions passed on the
 * way, and the latest presence.
 *
 * <p>Changed only inside {@link java.util.concurrent.ConcurrentHashMap#compute}, read only after it was
 * removed from the map, so the map's lock makes it safe to share between threads.
 */
public final class PendingUpdate {

    private final String vehicleId;
    private final Trail passedPoints;
    private @Nullable VehicleState state;
    private long stateSequence;
    private @Nullable Presence presence;
    private long presenceSequence;

    PendingUpdate(String vehicleId, int trailLength) {
        this.vehicleId = vehicleId;
        this.passedPoints = new Trail(trailLength);
    }

    void mergeState(VehicleState newState, long sequence) {
        if (state == null || StateOrder.supersedes(newState, state)) {
            state = newState;
        }
        passedPoints.add(StateOrder.trailPoint(newState));
        stateSequence = sequence;
    }

    void mergePresence(Presence newPresence, long sequence) {
        presence = newPresence;
        presenceSequence = sequence;
    }

    public String vehicleId() {
        return vehicleId;
    }

    public @Nullable VehicleState state() {
        return state;
    }

    public @Nullable Presence presence() {
        return presence;
    }

    /** Returns whether the presence arrived after the last state, so it overrides the state's online flag. */
    public boolean presenceIsNewer() {
        return presence != null && presenceSequence > stateSequence;
    }

    /** Returns the arrival number of the newest message merged in here. */
    public long lastSequence() {
        return Math.max(stateSequence, presenceSequence);
    }

    public Trail passedPoints() {
        return passedPoints;
    }
}
