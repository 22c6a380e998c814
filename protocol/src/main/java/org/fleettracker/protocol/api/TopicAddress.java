package org.fleettracker.protocol.api;

import org.jspecify.annotations.Nullable;

/**
 * A parsed topic of the contract.
 *
 * @param vehicleId null only for fleet-wide kinds such as {@link TopicKind#REJECTS}
 */
public record TopicAddress(TopicKind kind, String fleetId, @Nullable String vehicleId) {

    public TopicAddress {
        Ids.requireValid("fleet id", fleetId);
        if (vehicleId != null) {
            Ids.requireValid("vehicle id", vehicleId);
        }
    }
}
