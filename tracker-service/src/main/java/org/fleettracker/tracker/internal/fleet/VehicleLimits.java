package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.tracker.internal.storage.VehicleSettingsStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each vehicle's own speed limit from the {@code vehicle_settings} table, cached. The HTTP API calls
 * {@link #forget} after it changes a vehicle's settings, so the next fix reads them again. Thread-safe.
 */
public final class VehicleLimits {

    private final VehicleSettingsStore store = new VehicleSettingsStore();
    private final Map<String, OptionalDouble> cache = new ConcurrentHashMap<>();

    /** Returns the vehicle's own limit in km/h, or empty when it has none and the fleet-wide one applies. */
    OptionalDouble overspeedLimitKmh(Connection connection, String vehicleId) throws SQLException {
        OptionalDouble cached = cache.get(vehicleId);
        if (cached != null) {
            return cached;
        }
        OptionalDouble limit = store.find(connection, vehicleId)
                .map(settings -> settings.overspeedLimitKmh() == null
                        ? OptionalDouble.empty()
                        : OptionalDouble.of(settings.overspeedLimitKmh()))
                .orElse(OptionalDouble.empty());
        cache.put(vehicleId, limit);
        return limit;
    }

    /** Drops the cached limit of the vehicle. */
    public void forget(String vehicleId) {
        cache.remove(vehicleId);
    }

    /** Drops the cached limits of the vehicles. */
    public void forget(Collection<String> vehicleIds) {
        vehicleIds.forEach(cache::remove);
    }
}
