package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.EventStore;

import java.util.ArrayList;
import java.util.List;

/** Builds the tracker's fleet rules in the order they run. */
public final class FleetRules {

    private FleetRules() {}

    /** Returns the logic with every standard rule and no per-vehicle or per-area speed limits. */
    public static FleetLogic standard(FleetSettings settings, VehicleStates states) {
        return standard(settings, states, new VehicleLimits(), AreaSpeedLimits.NONE);
    }

    /** Returns the logic with every standard rule. */
    public static FleetLogic standard(
            FleetSettings settings, VehicleStates states, VehicleLimits vehicleLimits, AreaSpeedLimits areaLimits) {
        List<FleetRule> rules = new ArrayList<>();
        rules.add(new ConnectivityRule());
        rules.add(new DistanceRule());
        rules.add(new OverspeedRule(vehicleLimits, areaLimits));
        rules.add(new IdleRule());
        rules.add(new PanicRule());
        return new FleetLogic(settings, states, new EventStore(), rules);
    }
}
