package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.EventStore;

import java.util.ArrayList;
import java.util.List;

/** Builds the tracker's fleet rules in the order they run. */
public final class FleetRules {

    private FleetRules() {}

    /** Returns the logic with every standard rule. */
    public static FleetLogic standard(FleetSettings settings, VehicleStates states) {
        return standard(settings, states, new JobRule());
    }

    /** Returns the logic with every standard rule, following jobs with {@code jobs}. */
    public static FleetLogic standard(FleetSettings settings, VehicleStates states, JobRule jobs) {
        List<FleetRule> rules = new ArrayList<>();
        rules.add(jobs);
        return new FleetLogic(settings, states, new EventStore(), rules);
    }
}
