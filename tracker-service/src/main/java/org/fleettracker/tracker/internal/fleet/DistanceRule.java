package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.internal.geo.Geo;
import org.fleettracker.tracker.internal.storage.OdometerStore;
import org.fleettracker.tracker.internal.storage.OdometerStore.Odometer;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.internal.storage.VehicleSetReads;
import org.jspecify.annotations.Nullable;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds up each vehicle's distance from its accepted fixes in fix-time order and puts it in the state as
 * {@code distanceM}. Outliers and rejected fixes never count, and late fixes are skipped, so the total only grows.
 *
 * <p>A fix counts the distance from the last counted fix when the vehicle moves (speed at or above
 * {@link MotionStatus#MOVING_THRESHOLD_KMH}) or when it is farther away than {@code fleet.distance-noise-floor-m}
 * and twice its own accuracy radius. Otherwise it is jitter around a standing vehicle and waits until the vehicle
 * really moves away, so slow drift still adds up. The vehicle-reported odometer is kept apart, in {@code odometerM}.
 */
final class DistanceRule implements FleetRule {

    /** Largest accuracy radius that raises the noise floor, in metres; a worse fix is not trusted further. */
    private static final double MAX_ACCURACY_FLOOR_M = 100;

    private final OdometerStore store = new OdometerStore();
    private final VehicleSetReads setReads = new VehicleSetReads();
    private @Nullable Map<String, Odometer> odometers;

    /** Vehicles whose cached odometers were forgotten; read again in one query on the next access. */
    private final Set<String> forgotten = new HashSet<>();

    private boolean statesFilled;

    @Override
    public void onBatch(RuleContext context) throws SQLException {
        Map<String, Odometer> loaded = loaded(context);
        List<Odometer> changed = new ArrayList<>();
        for (Map.Entry<String, List<StoredPosition>> entry :
                context.inOrderPositionsByVehicle().entrySet()) {
            Odometer odometer = loaded.get(entry.getKey());
            for (StoredPosition position : entry.getValue()) {
                if (odometer == null || position.fix().fixTime().isAfter(odometer.lastFixTime())) {
                    odometer = advance(odometer, position, context.settings().distanceNoiseFloorM());
                }
            }
            if (odometer != null) {
                changed.add(odometer);
                loaded.put(odometer.vehicleId(), odometer);
                double distanceM = odometer.distanceM();
                context.updateState(odometer.vehicleId(), state -> state.withDistance(distanceM, context.now()));
            }
        }
        store.saveAll(context.connection(), changed);
    }

    /** Puts the stored totals into the states once after a start or reset, before any fix arrived. */
    @Override
    public void onTick(RuleContext context) throws SQLException {
        if (statesFilled) {
            return;
        }
        for (Odometer odometer : loaded(context).values()) {
            double distanceM = odometer.distanceM();
            context.updateState(
                    odometer.vehicleId(),
                    state -> state.distanceM() == null ? state.withDistance(distanceM, context.now()) : state);
        }
        statesFilled = true;
    }

    @Override
    public void reset() {
        odometers = null;
        forgotten.clear();
        statesFilled = false;
    }

    @Override
    public void forget(Set<String> vehicleIds) {
        if (odometers != null) {
            forgotten.addAll(vehicleIds);
        }
    }

    /** Returns the odometer after {@code position}, which is newer than every fix the odometer has seen. */
    static Odometer advance(@Nullable Odometer odometer, StoredPosition position, double noiseFloorM) {
        Telemetry fix = position.fix();
        if (odometer == null) {
            return new Odometer(
                    fix.vehicleId(), position.fleetId(), 0, fix.latitudeDeg(), fix.longitudeDeg(), fix.fixTime());
        }
        double stepM = Geo.distanceM(
                odometer.anchorLatitudeDeg(), odometer.anchorLongitudeDeg(), fix.latitudeDeg(), fix.longitudeDeg());
        // Jitter swings a standing receiver's fixes across its accuracy radius, twice that from peak to peak.
        double accuracyM = fix.accuracyM() == null ? 0 : Math.min(fix.accuracyM(), MAX_ACCURACY_FLOOR_M);
        double floorM = Math.max(noiseFloorM, 2 * accuracyM);
        boolean moving = fix.speedKmh() >= MotionStatus.MOVING_THRESHOLD_KMH;
        if (moving || stepM > floorM) {
            return new Odometer(
                    odometer.vehicleId(),
                    odometer.fleetId(),
                    odometer.distanceM() + stepM,
                    fix.latitudeDeg(),
                    fix.longitudeDeg(),
                    fix.fixTime());
        }
        return new Odometer(
                odometer.vehicleId(),
                odometer.fleetId(),
                odometer.distanceM(),
                odometer.anchorLatitudeDeg(),
                odometer.anchorLongitudeDeg(),
                fix.fixTime());
    }

    private Map<String, Odometer> loaded(RuleContext context) throws SQLException {
        if (odometers == null) {
            Map<String, Odometer> map = new HashMap<>();
            for (Odometer odometer : store.findAll(context.connection())) {
                map.put(odometer.vehicleId(), odometer);
            }
            odometers = map;
        } else if (!forgotten.isEmpty()) {
            Map<String, Odometer> map = odometers;
            forgotten.forEach(map::remove);
            for (Odometer odometer : setReads.odometers(context.connection(), forgotten)) {
                map.put(odometer.vehicleId(), odometer);
            }
            forgotten.clear();
        }
        return odometers;
    }
}
