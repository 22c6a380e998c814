package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.geofence.GeofenceRegistry;
import org.fleettracker.tracker.internal.geofence.GeofenceRule;
import org.fleettracker.tracker.internal.geofence.GeofenceSpeedLimits;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.EventStore;
import org.fleettracker.tracker.internal.trips.TripRule;

import java.util.ArrayList;
import java.util.List;

/** Builds the tracker's fleet rules in the order they run. */
public final class FleetRules {

    /** Name of the condition in {@code vehicle_conditions} that an offline vehicle has open. */
    public static final String OFFLINE_CONDITION = ConnectivityRule.OFFLINE;

    private FleetRules() {}

    /** Returns the logic with every standard rule, no per-vehicle limits, and geofences read on first use. */
    public static FleetLogic standard(FleetSettings settings, VehicleStates states) {
        return standard(settings, states, new VehicleLimits(), new GeofenceRegistry(), new JobRule());
    }

    /** Returns the logic with every standard rule, following jobs with {@code jobs}. */
    public static FleetLogic standard(FleetSettings settings, VehicleStates states, JobRule jobs) {
        return standard(settings, states, new VehicleLimits(), new GeofenceRegistry(), jobs);
    }

    /**
     * Returns the logic with every standard rule.
     *
     * @param vehicleLimits the vehicles' own speed limits, which the HTTP API changes
     * @param geofences the geofences the HTTP API changes; read from the database on first use unless loaded
     * @param jobs the job rule, which the command and job services also tell about job changes
     */
    public static FleetLogic standard(
            FleetSettings settings,
            VehicleStates states,
            VehicleLimits vehicleLimits,
            GeofenceRegistry geofences,
            JobRule jobs) {
        return withSpeedLimits(settings, states, vehicleLimits, geofences, geofences, jobs);
    }

    /** Returns the standard rules with the overspeed rule taking area limits from {@code areaLimits}. */
    static FleetLogic withSpeedLimits(
            FleetSettings settings,
            VehicleStates states,
            VehicleLimits vehicleLimits,
            GeofenceRegistry geofences,
            GeofenceSpeedLimits areaLimits,
            JobRule jobs) {
        List<FleetRule> rules = new ArrayList<>();
        rules.add(new GeofenceRule(geofences));
        rules.add(new TripRule());
        rules.add(new ConnectivityRule());
        rules.add(new DistanceRule());
        rules.add(new OverspeedRule(vehicleLimits, areaLimits));
        rules.add(new IdleRule());
        rules.add(new PanicRule());
        rules.add(jobs);
        return new FleetLogic(settings, states, new EventStore(), rules);
    }
}
