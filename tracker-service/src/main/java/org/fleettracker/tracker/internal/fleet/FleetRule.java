package org.fleettracker.tracker.internal.fleet;

import java.sql.SQLException;
import java.util.Set;

/**
 * One rule of {@link FleetLogic}, such as overspeed or geofences.
 *
 * <p>Only the ingest thread calls a rule, so an implementation needs no locking for its own state. Whatever a rule
 * writes through {@link RuleContext#connection()} or raises with {@link RuleContext#raise} commits or rolls back
 * together with the batch. After a rollback {@link #reset()} runs, and the rule must then rebuild its in-memory
 * state from the database when it next needs it, because the batch will be processed again.
 */
public interface FleetRule {

    /**
     * Applies a committed-to-be batch: its new positions (outliers excluded) and presence changes.
     *
     * @throws SQLException when reading or writing the database fails; the batch is rolled back and retried
     */
    void onBatch(RuleContext context) throws SQLException;

    /**
     * Applies the passing of time up to {@link RuleContext#now()}, such as a vehicle gone silent. Runs about once per
     * {@code fleet.tick-interval} in its own transaction, never during a batch. The default does nothing.
     *
     * @throws SQLException when reading or writing the database fails; the tick is rolled back
     */
    default void onTick(RuleContext context) throws SQLException {}

    /** Forgets in-memory state after a rollback; the rule reads what it needs from the database again. */
    void reset();

    /**
     * Forgets the in-memory state of {@code vehicleIds}, because another tracker instance on the same database
     * changed them; the rule reads what it needs of these vehicles from the database again. The caller holds the
     * vehicles' locks in {@code vehicle_versions}. The default forgets everything with {@link #reset()}.
     */
    default void forget(Set<String> vehicleIds) {
        reset();
    }
}
