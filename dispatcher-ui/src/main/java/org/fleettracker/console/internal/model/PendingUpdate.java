package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

import java.util.ArrayDeque;
import java.util.List;

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
    private final int maxSpeedSamples;
    private final ArrayDeque<SpeedSample> speedSamples = new ArrayDeque<>();
    private @Nullable VehicleState state;
    private long stateSequence;
    private @Nullable Presence presence;
    private @Nullable String presenceFleetId;
    private long presenceSequence;

    PendingUpdate(String vehicleId, int trailLength) {
        this.vehicleId = vehicleId;
        this.passedPoints = new Trail(trailLength);
        this.maxSpeedSamples = trailLength;
    }

    void mergeState(VehicleState newState, long sequence) {
        if (state == null || StateOrder.supersedes(newState, state)) {
            state = newState;
        }
        passedPoints.add(StateOrder.trailPoint(newState));
        if (speedSamples.size() == maxSpeedSamples) {
            speedSamples.removeFirst();
        }
        speedSamples.addLast(new SpeedSample(newState.fixTime(), newState.speedKmh()));
        stateSequence = sequence;
    }

    void mergePresence(Presence newPresence, String fleetId, long sequence) {
        presence = newPresence;
        presenceFleetId = fleetId;
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

    /** Returns the fleet of the topic the presence came on, or null without a presence. */
    public @Nullable String presenceFleetId() {
        return presenceFleetId;
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

    /** Returns the speed of every state merged in here, in arrival order. */
    public List<SpeedSample> speedSamples() {
        return List.copyOf(speedSamples);
    }
}
