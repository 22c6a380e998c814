package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.VehicleStatus;
import org.jspecify.annotations.Nullable;

import java.util.Locale;

/**
 * What the vehicle table lists: ids containing {@code searchText} (case-insensitive), of one fleet, with one status.
 *
 * @param searchText part of the vehicle id to look for, stored stripped and in lower case; empty matches every id
 * @param fleetId the fleet to list, or null for every fleet
 * @param status the status to list, or null for every status
 */
record VehicleFilter(String searchText, @Nullable String fleetId, @Nullable StatusFilter status) {

    static final VehicleFilter NONE = new VehicleFilter("", null, null);

    VehicleFilter {
        searchText = searchText.strip().toLowerCase(Locale.ROOT);
    }

    /** Returns the key that {@link #matches} expects for a vehicle id, computed once per row. */
    static String searchKey(String vehicleId) {
        return vehicleId.toLowerCase(Locale.ROOT);
    }

    /** Returns whether the vehicle passes every part of the filter; a vehicle without a state has no fleet yet. */
    boolean matches(String searchKey, @Nullable String vehicleFleetId, VehicleStatus vehicleStatus, boolean stale) {
        return matchesFleetAndSearch(searchKey, vehicleFleetId)
                && (status == null || status.matches(vehicleStatus, stale));
    }

    /** Returns whether the vehicle passes the search text and the fleet choice, ignoring the status choice. */
    boolean matchesFleetAndSearch(String searchKey, @Nullable String vehicleFleetId) {
        return searchKey.contains(searchText) && (fleetId == null || fleetId.equals(vehicleFleetId));
    }

    boolean isEmpty() {
        return searchText.isEmpty() && fleetId == null && status == null;
    }
}
