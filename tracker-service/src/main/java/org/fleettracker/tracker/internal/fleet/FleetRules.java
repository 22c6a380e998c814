package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.geofence.GeofenceRegistry;
import org.fleettracker.tracker.internal.geofence.GeofenceRule;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.EventStore;

import java.util.ArrayList;
import java.util.List;

/** Builds the tracker's fleet rules in the order they run. */
public final class FleetRules {

    private FleetRules() {}

    /** Returns the logic with every standard rule and its own geofences, read from the database on first use. */
    public static FleetLogic standard(FleetSettings settings, VehicleStates states) {
        return standard(settings, states, new GeofenceRegistry());
    }

    /**
     * Returns the logic with every standard rule.
     *
     * @param geofences the geofences the HTTP API changes; read from the database on first use unless loaded
     */
    public static FleetLogic standard(FleetSettings settings, VehicleStates states, GeofenceRegistry geofences) {
        List<FleetRule> rules = new ArrayList<>();
        rules.add(new GeofenceRule(geofences));
        return new FleetLogic(settings, states, new EventStore(), rules);
    }
}
