package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.fleet.RuleOutcome;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.fleettracker.tracker.internal.storage.StoredPosition;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 4: applies the committed fixes and the presence changes to the vehicle states, in arrival order, then the
 * state changes of the fleet rules.
 * Only new fixes count: a duplicate was applied when it was first stored. An outlier never moves the state.
 */
final class StateStage {

    private final VehicleStates states;

    StateStage(VehicleStates states) {
        this.states = states;
    }

    /** Returns the final state of every vehicle whose state changed, in the order of first change. */
    Collection<VehicleState> apply(List<Decoded> batch, Set<StoredPosition> stored, Instant now) {
        Map<String, VehicleState> changed = new LinkedHashMap<>();
        for (Decoded decoded : batch) {
            if (decoded instanceof Decoded.Fix fix
                    && stored.contains(fix.position())
                    && !fix.position().has(PositionFlag.OUTLIER)) {
                states.applyFix(fix.position(), now).ifPresent(state -> changed.put(state.vehicleId(), state));
            } else if (decoded instanceof Decoded.PresenceChange presence) {
                states.applyPresence(presence.vehicleId(), presence.online(), now)
                        .ifPresent(state -> changed.put(state.vehicleId(), state));
            }
        }
        return changed.values();
    }

    /** Applies the fleet rules' state changes in order; returns the final state of every vehicle that changed. */
    Collection<VehicleState> applyChanges(List<RuleOutcome.StateChange> changes, Instant now) {
        Map<String, VehicleState> changed = new LinkedHashMap<>();
        for (RuleOutcome.StateChange change : changes) {
            states.update(change.vehicleId(), change.change(), now)
                    .ifPresent(state -> changed.put(state.vehicleId(), state));
        }
        return changed.values();
    }
}
