package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.tracker.internal.geofence.GeofenceSpeedLimits;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.internal.storage.VehicleCondition;
import org.jspecify.annotations.Nullable;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Raises an {@code overspeed} alert when a vehicle stays above its speed limit for {@code
 * fleet.overspeed-min-duration}, and an {@code overspeed-ended} event with the episode's top speed when it drops to
 * the limit or below.
 *
 * <p>The limit at a fix is the lowest of the vehicle's own limit (or else {@code fleet.overspeed-limit-kmh}, where 0
 * means none) and the limits of the geofences that contain the fix. Only fixes newer than the vehicle's state count,
 * so a late fix neither starts nor ends an episode.
 */
final class OverspeedRule extends FixByFixRule {

    static final String CONDITION = "overspeed";

    private final Conditions episodes = new Conditions(CONDITION);
    private final VehicleLimits vehicleLimits;
    private final GeofenceSpeedLimits areaLimits;

    OverspeedRule(VehicleLimits vehicleLimits, GeofenceSpeedLimits areaLimits) {
        this.vehicleLimits = vehicleLimits;
        this.areaLimits = areaLimits;
    }

    @Override
    public void reset() {
        episodes.reset();
    }

    @Override
    public void forget(Set<String> vehicleIds) {
        episodes.forget(vehicleIds);
        vehicleLimits.forget(vehicleIds);
    }

    @Override
    void apply(RuleContext context, StoredPosition position) throws SQLException {
        OptionalDouble limit = limitKmh(context, position);
        VehicleCondition episode = episodes.get(context.connection(), position.vehicleId());
        double speedKmh = position.fix().speedKmh();
        if (limit.isPresent() && speedKmh > limit.getAsDouble()) {
            VehicleCondition current = episode == null
                    ? new VehicleCondition(
                            position.vehicleId(),
                            CONDITION,
                            position.fleetId(),
                            position.fix().fixTime(),
                            false,
                            Episode.of(speedKmh, limit.getAsDouble()).text())
                    : episode.withDetail(Episode.parse(episode.detail())
                            .with(speedKmh, limit.getAsDouble())
                            .text());
            episodes.save(context.connection(), raiseWhenLongEnough(context, current, position));
        } else if (episode != null) {
            end(context, episode, position);
        }
    }

    private VehicleCondition raiseWhenLongEnough(RuleContext context, VehicleCondition episode, StoredPosition position)
            throws SQLException {
        Duration lasted = Duration.between(episode.since(), position.fix().fixTime());
        if (episode.raised() || lasted.compareTo(context.settings().overspeedMinDuration()) < 0) {
            return episode;
        }
        Episode details = Episode.parse(episode.detail());
        context.raise(
                episode.fleetId(),
                episode.vehicleId(),
                CONDITION,
                position.fix().fixTime(),
                EventSeverity.WARNING,
                true,
                Map.of(
                        "limitKmh", format(details.limitKmh()),
                        "speedKmh", format(details.maxSpeedKmh()),
                        "since", episode.since().toString(),
                        "latitudeDeg", Double.toString(position.fix().latitudeDeg()),
                        "longitudeDeg", Double.toString(position.fix().longitudeDeg())));
        return episode.withRaised(true);
    }

    private void end(RuleContext context, VehicleCondition episode, StoredPosition position) throws SQLException {
        episodes.remove(context.connection(), episode.vehicleId());
        if (!episode.raised()) {
            return;
        }
        Episode details = Episode.parse(episode.detail());
        long durationS =
                Duration.between(episode.since(), position.fix().fixTime()).toSeconds();
        context.raise(
                episode.fleetId(),
                episode.vehicleId(),
                "overspeed-ended",
                position.fix().fixTime(),
                EventSeverity.INFO,
                false,
                Map.of(
                        "limitKmh", format(details.limitKmh()),
                        "maxSpeedKmh", format(details.maxSpeedKmh()),
                        "durationS", Long.toString(durationS)));
    }

    private OptionalDouble limitKmh(RuleContext context, StoredPosition position) throws SQLException {
        OptionalDouble own = vehicleLimits.overspeedLimitKmh(context.connection(), position.vehicleId());
        double fleetWide = context.settings().overspeedLimitKmh();
        OptionalDouble vehicle = own;
        if (own.isEmpty() && fleetWide > 0) {
            vehicle = OptionalDouble.of(fleetWide);
        }
        OptionalDouble area = areaLimits.speedLimitKmhAt(
                position.fleetId(), position.fix().latitudeDeg(), position.fix().longitudeDeg());
        if (vehicle.isPresent() && area.isPresent()) {
            return OptionalDouble.of(Math.min(vehicle.getAsDouble(), area.getAsDouble()));
        }
        return vehicle.isPresent() ? vehicle : area;
    }

    private static String format(double speedKmh) {
        return String.format(java.util.Locale.ROOT, "%.1f", speedKmh);
    }

    /** Top speed and lowest limit of an episode, stored as the condition's detail {@code "max;limit"}. */
    private record Episode(double maxSpeedKmh, double limitKmh) {

        static Episode of(double speedKmh, double limitKmh) {
            return new Episode(speedKmh, limitKmh);
        }

        static Episode parse(@Nullable String text) {
            if (text == null || !text.contains(";")) {
                return new Episode(0, 0);
            }
            String[] parts = text.split(";", 2);
            return new Episode(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        }

        Episode with(double speedKmh, double limitKmh) {
            return new Episode(Math.max(maxSpeedKmh, speedKmh), Math.min(this.limitKmh, limitKmh));
        }

        String text() {
            return maxSpeedKmh + ";" + limitKmh;
        }
    }
}
