package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.VehicleState;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Results of the fleet rules for one batch or tick, applied once the transaction has committed.
 *
 * @param events the stored events, in the order raised, to publish on their fleet's events topic
 * @param stateChanges changes to vehicle states, in the order requested
 */
public record RuleOutcome(List<RaisedEvent> events, List<StateChange> stateChanges) {

    public RuleOutcome {
        events = List.copyOf(events);
        stateChanges = List.copyOf(stateChanges);
    }

    public static RuleOutcome empty() {
        return new RuleOutcome(List.of(), List.of());
    }

    /** A stored event and the fleet whose events topic it goes to. */
    public record RaisedEvent(String fleetId, FleetEvent event) {}

    /** A change to one vehicle's state, applied only when the vehicle has a state. */
    public record StateChange(String vehicleId, UnaryOperator<VehicleState> change) {}
}
