package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.tracker.internal.storage.ConditionStore;
import org.fleettracker.tracker.internal.storage.VehicleCondition;
import org.fleettracker.tracker.internal.storage.VehicleSetReads;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open conditions of one name, such as every vehicle's {@code overspeed}, cached in memory and written through
 * to the {@code vehicle_conditions} table in the caller's transaction. Used by the ingest thread only.
 */
final class Conditions {

    private final String name;
    private final ConditionStore store = new ConditionStore();
    private final VehicleSetReads setReads = new VehicleSetReads();
    private @Nullable Map<String, VehicleCondition> byVehicle;

    /** Vehicles whose cached conditions were forgotten; read again in one query on the next access. */
    private final Set<String> forgotten = new HashSet<>();

    Conditions(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    @Nullable
    VehicleCondition get(Connection connection, String vehicleId) throws SQLException {
        return loaded(connection).get(vehicleId);
    }

    /** Returns every open condition of this name. */
    List<VehicleCondition> all(Connection connection) throws SQLException {
        return List.copyOf(loaded(connection).values());
    }

    void save(Connection connection, VehicleCondition condition) throws SQLException {
        store.save(connection, condition);
        loaded(connection).put(condition.vehicleId(), condition);
    }

    void remove(Connection connection, String vehicleId) throws SQLException {
        if (loaded(connection).remove(vehicleId) != null) {
            store.delete(connection, vehicleId, name);
        }
    }

    /** Forgets the cache; the next call reads the table again. */
    void reset() {
        byVehicle = null;
        forgotten.clear();
    }

    /** Forgets the cache of {@code vehicleIds}; the next call reads their rows again. */
    void forget(Set<String> vehicleIds) {
        if (byVehicle != null) {
            forgotten.addAll(vehicleIds);
        }
    }

    private Map<String, VehicleCondition> loaded(Connection connection) throws SQLException {
        if (byVehicle == null) {
            Map<String, VehicleCondition> map = new HashMap<>();
            for (VehicleCondition condition : store.findAll(connection, name)) {
                map.put(condition.vehicleId(), condition);
            }
            byVehicle = map;
        } else if (!forgotten.isEmpty()) {
            Map<String, VehicleCondition> map = byVehicle;
            forgotten.forEach(map::remove);
            for (VehicleCondition condition : setReads.conditions(connection, name, forgotten)) {
                map.put(condition.vehicleId(), condition);
            }
            forgotten.clear();
        }
        return byVehicle;
    }
}
