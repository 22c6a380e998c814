package org.fleettracker.tracker.internal.fleet;

import org.fleettracker.protocol.api.Ids;

import java.time.Instant;
import java.util.Objects;

/**
 * A presence message of a vehicle, such as its last will.
 *
 * @param receivedTime when the tracker received the message
 */
public record PresenceChange(String fleetId, String vehicleId, boolean online, Instant receivedTime) {

    public PresenceChange {
        Ids.requireValid("fleet id", fleetId);
        Ids.requireValid("vehicle id", vehicleId);
        Objects.requireNonNull(receivedTime, "receivedTime");
    }
}
