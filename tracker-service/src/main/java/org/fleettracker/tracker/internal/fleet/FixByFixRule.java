package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.tracker.internal.storage.StoredPosition;

import java.sql.SQLException;
import java.util.List;

/**
 * A rule that follows each vehicle forward in time, one fix at a time. It gets only the batch's fixes that are newer
 * than the vehicle's state, in fix-time order, so a late fix neither starts nor ends anything.
 */
abstract class FixByFixRule implements FleetRule {

    @Override
    public final void onBatch(RuleContext context) throws SQLException {
        for (List<StoredPosition> positions :
                context.inOrderPositionsByVehicle().values()) {
            for (StoredPosition position : positions) {
                apply(context, position);
            }
        }
    }

    /** Applies one fix that is newer than every fix this rule saw for its vehicle. */
    abstract void apply(RuleContext context, StoredPosition position) throws SQLException;
}
