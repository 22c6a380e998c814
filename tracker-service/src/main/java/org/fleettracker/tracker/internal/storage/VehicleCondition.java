package org.fleettracker.tracker.internal.storage;

import org.fleettracker.protocol.api.Ids;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * A condition of a vehicle that a fleet rule keeps open between fixes, such as {@code overspeed}.
 *
 * @param condition the rule's name for it, lower-case words joined by hyphens, at most 32 characters
 * @param since when the condition began
 * @param raised whether its event was raised already, so a restart does not raise it again
 * @param detail rule-specific text of at most 256 characters, or null
 */
public record VehicleCondition(
        String vehicleId, String condition, String fleetId, Instant since, boolean raised, @Nullable String detail) {

    public VehicleCondition {
        Ids.requireValid("vehicle id", vehicleId);
        Ids.requireValid("fleet id", fleetId);
        if (condition.isEmpty() || condition.length() > 32) {
            throw new IllegalArgumentException("condition '" + condition + "' must have 1 to 32 characters");
        }
        Objects.requireNonNull(since, "since");
        if (detail != null && detail.length() > 256) {
            throw new IllegalArgumentException(
                    "condition detail has " + detail.length() + " characters, more than 256");
        }
    }

    public VehicleCondition withRaised(boolean value) {
        return new VehicleCondition(vehicleId, condition, fleetId, since, value, detail);
    }

    public VehicleCondition withDetail(@Nullable String value) {
        return new VehicleCondition(vehicleId, condition, fleetId, since, raised, value);
    }
}
