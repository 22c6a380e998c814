package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.internal.storage.VehicleCondition;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * Raises a critical {@code panic} alert when a vehicle's fix turns its panic flag on, once per press, and a
 * {@code panic-cleared} event when a later fix turns it off. A fix without the flag changes nothing.
 */
final class PanicRule extends FixByFixRule {

    static final String CONDITION = "panic";

    private final Conditions pressed = new Conditions(CONDITION);

    @Override
    public void reset() {
        pressed.reset();
    }

    @Override
    public void forget(Set<String> vehicleIds) {
        pressed.forget(vehicleIds);
    }

    @Override
    void apply(RuleContext context, StoredPosition position) throws SQLException {
        Telemetry fix = position.fix();
        if (fix.panic() == null) {
            return;
        }
        VehicleCondition press = pressed.get(context.connection(), position.vehicleId());
        if (fix.panic() && press == null) {
            pressed.save(
                    context.connection(),
                    new VehicleCondition(
                            position.vehicleId(), CONDITION, position.fleetId(), fix.fixTime(), true, null));
            context.raise(
                    position.fleetId(),
                    position.vehicleId(),
                    CONDITION,
                    fix.fixTime(),
                    EventSeverity.CRITICAL,
                    true,
                    Map.of(
                            "latitudeDeg", Double.toString(fix.latitudeDeg()),
                            "longitudeDeg", Double.toString(fix.longitudeDeg()),
                            "speedKmh", Double.toString(fix.speedKmh())));
        } else if (!fix.panic() && press != null) {
            pressed.remove(context.connection(), position.vehicleId());
            context.raise(
                    position.fleetId(),
                    position.vehicleId(),
                    "panic-cleared",
                    fix.fixTime(),
                    EventSeverity.INFO,
                    false,
                    Map.of("since", press.since().toString()));
        }
    }
}
