package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.EventStore;
import org.fleettracker.tracker.internal.trips.TripRule;

import java.util.ArrayList;
import java.util.List;

/** Builds the tracker's fleet rules in the order they run. */
public final class FleetRules {

    private FleetRules() {}

    /** Returns the logic with every standard rule. */
    public static FleetLogic standard(FleetSettings settings, VehicleStates states) {
        List<FleetRule> rules = new ArrayList<>();
        rules.add(new TripRule());
        return new FleetLogic(settings, states, new EventStore(), rules);
    }
}
