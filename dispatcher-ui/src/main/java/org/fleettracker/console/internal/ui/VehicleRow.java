package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.VehicleStatus;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One row of the vehicle table, updated in place on the FX thread. */
final class VehicleRow {

    /** Bit in the result of {@link #update}: the status or the stale mark changed. */
    static final int STATUS_CHANGED = 1;
    /** Bit in the result of {@link #update}: the speed changed. */
    static final int SPEED_CHANGED = 2;
    /** Bit in the result of {@link #update}: the fix time changed, so the fix age no longer sorts as it did. */
    static final int FIX_TIME_CHANGED = 4;
    /** Bit in the result of {@link #update}: the fleet changed. */
    static final int FLEET_CHANGED = 8;

    private final ReadOnlyStringWrapper vehicleId;
    private final String searchKey;
    private @Nullable String fleetId;
    private final ReadOnlyObjectWrapper<ShownStatus> status =
            new ReadOnlyObjectWrapper<>(ShownStatus.of(VehicleStatus.NO_FIX, false));
    private final ReadOnlyObjectWrapper<@Nullable Double> speedKmh = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<@Nullable Duration> fixAge = new ReadOnlyObjectWrapper<>();
    private @Nullable Instant fixTime;

    VehicleRow(String vehicleId) {
        this.vehicleId = new ReadOnlyStringWrapper(vehicleId);
        this.searchKey = VehicleFilter.searchKey(vehicleId);
    }

    /**
     * Copies the track's values and returns which of them changed, as {@code *_CHANGED} bits, so the table can tell
     * whether the row must be filtered or sorted again. A property is set only when its value changed.
     */
    int update(VehicleTrack track, Instant now) {
        int changed = 0;
        ShownStatus newStatus = ShownStatus.of(track.status(), track.isStale());
        if (newStatus != status.get()) {
            status.set(newStatus);
            changed |= STATUS_CHANGED;
        }
        VehicleState state = track.state().orElse(null);
        Double newSpeedKmh = state != null ? state.speedKmh() : null;
        if (!Objects.equals(newSpeedKmh, speedKmh.get())) {
            speedKmh.set(newSpeedKmh);
            changed |= SPEED_CHANGED;
        }
        Instant newFixTime = state != null ? state.fixTime() : null;
        if (!Objects.equals(newFixTime, fixTime)) {
            fixTime = newFixTime;
            changed |= FIX_TIME_CHANGED;
        }
        if (state != null && !state.fleetId().equals(fleetId)) {
            fleetId = state.fleetId();
            changed |= FLEET_CHANGED;
        }
        refreshAge(now);
        return changed;
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

        private static final ShownStatus[] SHARED = new ShownStatus[VehicleStatus.values().length * 2];

        static {
            for (VehicleStatus status : VehicleStatus.values()) {
                SHARED[status.ordinal() * 2] = new ShownStatus(status, false);
                SHARED[status.ordinal() * 2 + 1] = new ShownStatus(status, true);
            }
        }

        /** Returns the shared instance for the pair, so an unchanged status is the same reference. */
        static ShownStatus of(VehicleStatus status, boolean stale) {
            return SHARED[status.ordinal() * 2 + (stale ? 1 : 0)];
        }

        @Override
        public int compareTo(ShownStatus other) {
            int byStatus = status.compareTo(other.status);
            return byStatus != 0 ? byStatus : Boolean.compare(stale, other.stale);
        }
    }
}
