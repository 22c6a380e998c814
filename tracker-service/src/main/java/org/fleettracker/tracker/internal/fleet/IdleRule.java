package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.internal.storage.VehicleCondition;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Raises an {@code idle} alert when a vehicle has stood with the ignition on for {@code fleet.idle-max-duration},
 * and an {@code idle-ended} event when it moves or turns the ignition off.
 *
 * <p>An idle period starts at the first fix below {@link MotionStatus#MOVING_THRESHOLD_KMH} with the ignition on.
 * Fixes decide on their own fix times; a tick also raises the alert at the tracker's current time, but only while
 * the vehicle's latest fix is younger than {@code fleet.stale-after}, so a vehicle that fell silent is not called
 * idle.
 */
final class IdleRule extends FixByFixRule {

    static final String CONDITION = "idle";

    private final Conditions periods = new Conditions(CONDITION);

    @Override
    public void onTick(RuleContext context) throws SQLException {
        for (VehicleCondition period : periods.all(context.connection())) {
            VehicleState state = context.states().get(period.vehicleId());
            boolean fresh = state != null
                    && Duration.between(state.receivedTime(), context.now())
                                    .compareTo(context.settings().staleAfter())
                            < 0;
            if (!period.raised() && fresh && state.status() == MotionStatus.IDLE) {
                raiseWhenLongEnough(context, period, context.now());
            }
        }
    }

    @Override
    public void reset() {
        periods.reset();
    }

    @Override
    public void forget(Set<String> vehicleIds) {
        periods.forget(vehicleIds);
    }

    @Override
    void apply(RuleContext context, StoredPosition position) throws SQLException {
        Telemetry fix = position.fix();
        VehicleCondition period = periods.get(context.connection(), position.vehicleId());
        boolean idle = MotionStatus.of(fix.speedKmh(), fix.ignition()) == MotionStatus.IDLE;
        if (idle && period == null) {
            periods.save(
                    context.connection(),
                    new VehicleCondition(
                            position.vehicleId(), CONDITION, position.fleetId(), fix.fixTime(), false, null));
        } else if (idle) {
            raiseWhenLongEnough(context, period, fix.fixTime());
        } else if (period != null) {
            periods.remove(context.connection(), position.vehicleId());
            if (period.raised()) {
                context.raise(
                        period.fleetId(),
                        period.vehicleId(),
                        "idle-ended",
                        fix.fixTime(),
                        EventSeverity.INFO,
                        false,
                        Map.of(
                                "durationS",
                                Long.toString(Duration.between(period.since(), fix.fixTime())
                                        .toSeconds())));
            }
        }
    }

    private void raiseWhenLongEnough(RuleContext context, VehicleCondition period, Instant time) throws SQLException {
        Duration idleFor = Duration.between(period.since(), time);
        if (period.raised() || idleFor.compareTo(context.settings().idleMaxDuration()) < 0) {
            return;
        }
        periods.save(context.connection(), period.withRaised(true));
        context.raise(
                period.fleetId(),
                period.vehicleId(),
                CONDITION,
                time,
                EventSeverity.WARNING,
                true,
                Map.of("since", period.since().toString(), "durationS", Long.toString(idleFor.toSeconds())));
    }
}
