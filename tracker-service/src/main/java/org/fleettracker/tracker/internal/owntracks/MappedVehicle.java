package org.fleettracker.tracker.internal.owntracks;

import org.fleettracker.protocol.api.Ids;

/** The fleet vehicle that one OwnTracks device acts as. */
public record MappedVehicle(String fleetId, String vehicleId) {

    public MappedVehicle {
        Ids.requireValid("fleet id", fleetId);
        Ids.requireValid("vehicle id", vehicleId);
    }
}
