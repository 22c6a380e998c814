package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.api.Telemetry;

import java.time.Instant;
import java.util.Objects;

/**
 * One fix as stored: the fix itself, the fleet from its topic and when the tracker received it.
 *
 * @param receivedTime when the tracker received the message, in UTC
 */
public record StoredPosition(String fleetId, Telemetry fix, Instant receivedTime) {

    public StoredPosition {
        Ids.requireValid("fleet id", fleetId);
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(receivedTime, "receivedTime");
    }

    public String vehicleId() {
        return fix.vehicleId();
    }
}
