package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.tracker.internal.state.VehicleStates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 2: rejects a fix or presence whose vehicle id already belongs to another fleet, because vehicle ids are
 * unique across the tracker. A vehicle's fleet is the fleet of its first stored fix.
 */
final class ValidateStage {

    private final VehicleStates states;

    ValidateStage(VehicleStates states) {
        this.states = states;
    }

    List<Decoded> validate(List<Decoded> batch) {
        // Vehicles first seen in this batch: their fleet is not in the states until the batch commits.
        Map<String, String> newOwners = new HashMap<>();
        List<Decoded> validated = new ArrayList<>(batch.size());
        for (Decoded decoded : batch) {
            validated.add(checkFleet(decoded, newOwners));
        }
        return validated;
    }

    private Decoded checkFleet(Decoded decoded, Map<String, String> newOwners) {
        if (decoded instanceof Decoded.Fix fix) {
            String vehicleId = fix.position().vehicleId();
            String fleetId = fix.position().fleetId();
            Optional<Decoded> mismatch = mismatch(decoded, fleetId, vehicleId, newOwners);
            if (mismatch.isEmpty()) {
                newOwners.putIfAbsent(vehicleId, fleetId);
            }
            return mismatch.orElse(decoded);
        }
        if (decoded instanceof Decoded.PresenceChange presence) {
            return mismatch(decoded, presence.fleetId(), presence.vehicleId(), newOwners)
                    .orElse(decoded);
        }
        return decoded;
    }

    private Optional<Decoded> mismatch(
            Decoded decoded, String fleetId, String vehicleId, Map<String, String> newOwners) {
        String owner = states.fleetOf(vehicleId).orElse(newOwners.get(vehicleId));
        if (owner == null || owner.equals(fleetId)) {
            return Optional.empty();
        }
        return Optional.of(Rejects.of(
                decoded.message(),
                fleetId,
                vehicleId,
                RejectReason.FLEET_MISMATCH,
                "vehicle '" + vehicleId + "' belongs to fleet '" + owner + "', not '" + fleetId + "'"));
    }
}
