package org.fleettracker.tracker.testing;

import org.fleettracker.protocol.api.Ids;
import org.fleettracker.tracker.internal.storage.StoredPosition;

import static org.assertj.core.api.Assertions.assertThat;

/** The invariants that every stored position must hold, checked on each position a test reads back. */
public final class PositionAssertions {

    private PositionAssertions() {}

    public static void assertValidPosition(StoredPosition position) {
        assertThat(Ids.isValid(position.fleetId()))
                .as("fleet id %s", position.fleetId())
                .isTrue();
        assertThat(Ids.isValid(position.vehicleId()))
                .as("vehicle id %s", position.vehicleId())
                .isTrue();
        assertThat(position.fix().seq()).as("seq").isNotNegative();
        assertThat(position.fix().latitudeDeg()).as("latitudeDeg").isBetween(-90.0, 90.0);
        assertThat(position.fix().longitudeDeg()).as("longitudeDeg").isBetween(-180.0, 180.0);
        assertThat(position.fix().speedKmh()).as("speedKmh").isNotNegative();
        assertThat(position.fix().headingDeg())
                .as("headingDeg")
                .isGreaterThanOrEqualTo(0.0)
                .isLessThan(360.0);
        assertThat(position.receivedTime()).as("receivedTime").isNotNull();
    }
}
