package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.VehicleState;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Results of the fleet rules for one batch or tick, applied once the transaction has committed.
 *
 * @param events the stored events, in the order raised, to publish on their fleet's events topic
 * @param stateChanges changes to vehicle states, in the order requested
 * @param writtenVehicles vehicles whose rows a rule changed without raising an event or changing the state, such as
 *     a stop that a tick closed
 */
public record RuleOutcome(List<RaisedEvent> events, List<StateChange> stateChanges, Set<String> writtenVehicles) {

    public RuleOutcome {
        events = List.copyOf(events);
        stateChanges = List.copyOf(stateChanges);
        writtenVehicles = Set.copyOf(writtenVehicles);
    }

    public RuleOutcome(List<RaisedEvent> events, List<StateChange> stateChanges) {
        this(events, stateChanges, Set.of());
    }

    /** Returns every vehicle that an event, a state change or a write of the rules names. */
    public Set<String> changedVehicles() {
        Set<String> changed = new LinkedHashSet<>(writtenVehicles);
        for (RaisedEvent raised : events) {
            if (raised.event().vehicleId() != null) {
                changed.add(raised.event().vehicleId());
            }
        }
        stateChanges.forEach(change -> changed.add(change.vehicleId()));
        return changed;
    }

    public static RuleOutcome empty() {
        return new RuleOutcome(List.of(), List.of());
    }

    /** A stored event and the fleet whose events topic it goes to. */
    public record RaisedEvent(String fleetId, FleetEvent event) {}

    /** A change to one vehicle's state, applied only when the vehicle has a state. */
    public record StateChange(String vehicleId, UnaryOperator<VehicleState> change) {}
}
