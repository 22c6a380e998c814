package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.EventStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The ordered fleet rules that run on every committed batch and on every tick. Used by the ingest thread only.
 *
 * <p>Rules run in list order, so a later rule sees the state changes of an earlier one only through the database.
 * The events of all rules are stored in one batch after the last rule, so no rule reads another's events. Rules
 * that others depend on (geofences for per-geofence speed limits) come first.
 */
public final class FleetLogic {

    private final FleetSettings settings;
    private final VehicleStates states;
    private final EventStore events;
    private final List<FleetRule> rules;

    public FleetLogic(FleetSettings settings, VehicleStates states, EventStore events, List<FleetRule> rules) {
        this.settings = settings;
        this.states = states;
        this.events = events;
        this.rules = List.copyOf(rules);
    }

    /** Creates logic that raises nothing; for tests of the ingest rules. */
    public static FleetLogic none(VehicleStates states) {
        return new FleetLogic(FleetSettings.defaults(), states, new EventStore(), List.of());
    }

    public FleetSettings settings() {
        return settings;
    }

    /**
     * Runs every rule on a batch inside its open transaction.
     *
     * @param positions the batch's newly stored positions without outliers, in arrival order
     * @throws SQLException when a rule fails; the caller rolls back and calls {@link #reset()}
     */
    public RuleOutcome onBatch(
            Connection connection, Instant now, List<StoredPosition> positions, List<PresenceChange> presence)
            throws SQLException {
        RuleContext context = new RuleContext(connection, now, settings, positions, presence, states, events);
        for (FleetRule rule : rules) {
            rule.onBatch(context);
        }
        return context.finish();
    }

    /**
     * Runs every rule's time-based checks inside an open transaction.
     *
     * @throws SQLException when a rule fails; the caller rolls back and calls {@link #reset()}
     */
    public RuleOutcome onTick(Connection connection, Instant now) throws SQLException {
        RuleContext context = new RuleContext(connection, now, settings, List.of(), List.of(), states, events);
        for (FleetRule rule : rules) {
            rule.onTick(context);
        }
        return context.finish();
    }

    /** Makes every rule forget its in-memory state after a rollback. */
    public void reset() {
        rules.forEach(FleetRule::reset);
    }

    /** Makes every rule forget its in-memory state of {@code vehicleIds}; see {@link FleetRule#forget}. */
    public void forget(Set<String> vehicleIds) {
        if (vehicleIds.isEmpty()) {
            return;
        }
        for (FleetRule rule : rules) {
            rule.forget(vehicleIds);
        }
    }
}
