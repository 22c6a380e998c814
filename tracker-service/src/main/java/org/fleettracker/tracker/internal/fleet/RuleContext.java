package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.EventStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Input and output of the {@link FleetRule}s for one batch or tick: the batch's positions and presence changes, and
 * the events and state changes the rules raise. Used by the ingest thread only.
 */
public final class RuleContext {

    private static final Comparator<StoredPosition> BY_FIX_TIME = Comparator.comparing(
                    (StoredPosition position) -> position.fix().fixTime())
            .thenComparingLong(position -> position.fix().seq());

    private final Connection connection;
    private final Instant now;
    private final FleetSettings settings;
    private final List<StoredPosition> positions;
    private final List<PresenceChange> presenceChanges;
    private final VehicleStates states;
    private final EventStore eventStore;
    private final List<RuleOutcome.RaisedEvent> events = new ArrayList<>();
    private final List<RuleOutcome.StateChange> stateChanges = new ArrayList<>();
    private final Set<String> writtenVehicles = new LinkedHashSet<>();
    private @Nullable Map<String, List<StoredPosition>> byVehicle;
    private @Nullable Map<String, List<StoredPosition>> inOrderByVehicle;

    RuleContext(
            Connection connection,
            Instant now,
            FleetSettings settings,
            List<StoredPosition> positions,
            List<PresenceChange> presenceChanges,
            VehicleStates states,
            EventStore eventStore) {
        this.connection = connection;
        this.now = now;
        this.settings = settings;
        this.positions = List.copyOf(positions);
        this.presenceChanges = List.copyOf(presenceChanges);
        this.states = states;
        this.eventStore = eventStore;
    }

    /** The batch's or tick's open transaction; never commit or close it. */
    public Connection connection() {
        return connection;
    }

    /** The current time of the tracker's clock. */
    public Instant now() {
        return now;
    }

    public FleetSettings settings() {
        return settings;
    }

    /** The batch's new positions without outliers, in arrival order; empty on a tick. */
    public List<StoredPosition> positions() {
        return positions;
    }

    /** The batch's new positions without outliers per vehicle, each list in fix-time order; empty on a tick. */
    public Map<String, List<StoredPosition>> positionsByVehicle() {
        if (byVehicle == null) {
            Map<String, List<StoredPosition>> grouped = new LinkedHashMap<>();
            for (StoredPosition position : positions) {
                grouped.computeIfAbsent(position.vehicleId(), id -> new ArrayList<>())
                        .add(position);
            }
            grouped.replaceAll((id, list) -> list.stream().sorted(BY_FIX_TIME).toList());
            byVehicle = grouped;
        }
        return byVehicle;
    }

    /**
     * The batch's new positions per vehicle that are newer than the vehicle's state before the batch, each list in
     * fix-time order; late fixes are left out. Rules that follow a vehicle forward in time (overspeed, idle, panic,
     * distance) use these.
     */
    public Map<String, List<StoredPosition>> inOrderPositionsByVehicle() {
        if (inOrderByVehicle == null) {
            Map<String, List<StoredPosition>> inOrder = new LinkedHashMap<>();
            positionsByVehicle().forEach((vehicleId, list) -> {
                VehicleState before = states.get(vehicleId);
                List<StoredPosition> newer = before == null
                        ? list
                        : list.stream()
                                .filter(position -> isNewer(position, before))
                                .toList();
                if (!newer.isEmpty()) {
                    inOrder.put(vehicleId, newer);
                }
            });
            inOrderByVehicle = inOrder;
        }
        return inOrderByVehicle;
    }

    /** The batch's presence messages in arrival order; empty on a tick. */
    public List<PresenceChange> presenceChanges() {
        return presenceChanges;
    }

    /**
     * The vehicle states as they were before this batch; a batch's fixes reach them only after the commit. Read
     * only: change a state with {@link #updateState}.
     */
    public VehicleStates states() {
        return states;
    }

    /**
     * Stores an event in this transaction, in one JDBC batch with the other events of the batch or tick after the
     * last rule ran, and publishes it on the fleet's events topic after the commit.
     *
     * @return the stored event with its new id
     */
    public FleetEvent raise(
            String fleetId,
            @Nullable String vehicleId,
            String type,
            Instant time,
            EventSeverity severity,
            boolean alert,
            Map<String, String> attributes)
            throws SQLException {
        FleetEvent event =
                new FleetEvent(UUID.randomUUID().toString(), type, vehicleId, time, severity, alert, attributes);
        events.add(new RuleOutcome.RaisedEvent(fleetId, event));
        return event;
    }

    /**
     * Changes a vehicle's state after the commit, after the batch's fixes were applied; the new state is published.
     * Does nothing for a vehicle without a state.
     */
    public void updateState(String vehicleId, UnaryOperator<VehicleState> change) {
        stateChanges.add(new RuleOutcome.StateChange(vehicleId, change));
    }

    /**
     * Records that a rule changed rows of the vehicle without an event or a state change, so that other tracker
     * instances on the same database reload the vehicle.
     */
    public void markWritten(String vehicleId) {
        writtenVehicles.add(vehicleId);
    }

    private static boolean isNewer(StoredPosition position, VehicleState state) {
        int byTime = position.fix().fixTime().compareTo(state.fixTime());
        return byTime > 0 || (byTime == 0 && position.fix().seq() > state.seq());
    }

    /** Stores the raised events in one JDBC batch and returns them with the state changes. */
    RuleOutcome finish() throws SQLException {
        eventStore.insertAll(
                connection,
                events.stream()
                        .map(raised -> new EventStore.NewEvent(raised.fleetId(), raised.event()))
                        .toList(),
                now);
        return new RuleOutcome(events, stateChanges, writtenVehicles);
    }
}
