package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.tracker.internal.cluster.VehicleTurns;
import org.fleettracker.tracker.internal.fleet.FleetLogic;
import org.fleettracker.tracker.internal.fleet.FleetRules;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.OdometerStore.Odometer;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.internal.storage.VehicleCondition;
import org.fleettracker.tracker.internal.storage.VehicleSetReads;
import org.fleettracker.tracker.internal.storage.VehicleVersionStore.VehicleVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reloads what this tracker instance keeps in memory about vehicles that another instance changed: the state (from
 * the latest stored position, the stored presence, the odometer and an open offline condition), the ingest rules'
 * latest fixes and outlier runs, and the fleet rules' per-vehicle caches. Runs in the batch or tick transaction while
 * the vehicles' rows are locked. Used by the ingest thread only.
 */
final class StaleVehicles {

    private static final Logger log = LoggerFactory.getLogger(StaleVehicles.class);

    private final VehicleStates states;
    private final RulesStage rules;
    private final FleetLogic fleetLogic;
    private final PositionStore positions = new PositionStore();
    private final VehicleSetReads reads = new VehicleSetReads();

    StaleVehicles(VehicleStates states, RulesStage rules, FleetLogic fleetLogic) {
        this.states = states;
        this.rules = rules;
        this.fleetLogic = fleetLogic;
    }

    void reload(Connection connection, VehicleTurns.Turn turn) throws SQLException {
        Set<String> stale = turn.stale();
        if (stale.isEmpty()) {
            return;
        }
        Set<String> offline = new HashSet<>();
        for (VehicleCondition condition : reads.conditions(connection, FleetRules.OFFLINE_CONDITION, stale)) {
            offline.add(condition.vehicleId());
        }
        Map<String, Double> distances = new HashMap<>();
        for (Odometer odometer : reads.odometers(connection, stale)) {
            distances.put(odometer.vehicleId(), odometer.distanceM());
        }
        Map<String, @Nullable StoredPosition> latest = new HashMap<>();
        for (String vehicleId : stale) {
            StoredPosition position = positions
                    .findAcceptedAtOrBefore(connection, vehicleId, AcceptedFixes.END_OF_TIME)
                    .orElse(null);
            latest.put(vehicleId, position);
            VehicleVersion row = turn.row(vehicleId);
            states.reload(
                    vehicleId,
                    position,
                    row == null ? null : row.online(),
                    distances.get(vehicleId),
                    offline.contains(vehicleId));
        }
        rules.reload(latest);
        fleetLogic.forget(stale);
        log.trace("Reloaded {} vehicles that another tracker instance changed", stale.size());
    }
}
