package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.VehicleStatus;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One row of the vehicle table, updated in place on the FX thread. */
final class VehicleRow {

    private final ReadOnlyStringWrapper vehicleId;
    private final String searchKey;
    private @Nullable String fleetId;
    private final ReadOnlyObjectWrapper<ShownStatus> status =
            new ReadOnlyObjectWrapper<>(new ShownStatus(VehicleStatus.NO_FIX, false));
    private final ReadOnlyObjectWrapper<@Nullable Double> speedKmh = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<@Nullable Duration> fixAge = new ReadOnlyObjectWrapper<>();
    private @Nullable Instant fixTime;

    VehicleRow(String vehicleId) {
        this.vehicleId = new ReadOnlyStringWrapper(vehicleId);
        this.searchKey = VehicleFilter.searchKey(vehicleId);
    }

    /** Copies the track's values; the table then reports the row as updated, so it is filtered and sorted again. */
    void update(VehicleTrack track, Instant now) {
        status.set(new ShownStatus(track.status(), track.isStale()));
        VehicleState state = track.state().orElse(null);
        speedKmh.set(state != null ? state.speedKmh() : null);
        fixTime = state != null ? state.fixTime() : null;
        if (state != null) {
            fleetId = state.fleetId();
        }
        refreshAge(now);
    }

    boolean matches(VehicleFilter filter) {
        ShownStatus shown = status.get();
        return filter.matches(searchKey, fleetId, shown.status(), shown.stale());
    }

    boolean matchesFleetAndSearch(VehicleFilter filter) {
        return filter.matchesFleetAndSearch(searchKey, fleetId);
    }

    /** Returns the fleet of the vehicle's latest state, or null before the first state. */
    @Nullable
    String fleetId() {
        return fleetId;
    }

    void refreshAge(Instant now) {
        fixAge.set(fixTime != null ? Duration.between(fixTime, now) : null);
    }

    ReadOnlyStringProperty vehicleIdProperty() {
        return vehicleId.getReadOnlyProperty();
    }

    String getVehicleId() {
        return vehicleId.get();
    }

    ShownStatus getStatus() {
        return status.get();
    }

    ReadOnlyObjectProperty<ShownStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<@Nullable Double> speedKmhProperty() {
        return speedKmh.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<@Nullable Duration> fixAgeProperty() {
        return fixAge.getReadOnlyProperty();
    }

    /** Status column value: the status and whether it is stale, ordered by status first. */
    record ShownStatus(VehicleStatus status, boolean stale) implements Comparable<ShownStatus> {

        @Override
        public int compareTo(ShownStatus other) {
            int byStatus = status.compareTo(other.status);
            return byStatus != 0 ? byStatus : Boolean.compare(stale, other.stale);
        }
    }
}
