package org.fleettracker.tracker.testing;

import org.fleettracker.protocol.api.Ids;
import org.fleettracker.protocol.testing.TelemetryInvariants;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.storage.StoredPosition;

import static org.assertj.core.api.Assertions.assertThat;

/** The invariants that every stored position must hold, checked on each position a test reads back. */
public final class PositionAssertions {

    private static final IngestSettings LIMITS = IngestSettings.defaults();

    private PositionAssertions() {}

    /** Asserts the fix invariants of the codec and valid ids. */
    public static void assertValidPosition(StoredPosition position) {
        TelemetryInvariants.assertValid(position.fix());
        assertThat(Ids.isValid(position.fleetId()))
                .as("fleet id %s", position.fleetId())
                .isTrue();
        assertThat(Ids.isValid(position.vehicleId()))
                .as("vehicle id %s", position.vehicleId())
                .isTrue();
    }

    /** Asserts what {@link #assertValidPosition} does, and a fix time inside the default ingest window. */
    public static void assertAcceptedPosition(StoredPosition position) {
        assertValidPosition(position);
        assertThat(position.fix().fixTime())
                .as("fix time of %s against its received time", position)
                .isBetween(
                        position.receivedTime().minus(LIMITS.maxFixAge()),
                        position.receivedTime().plus(LIMITS.maxFixTimeAhead()));
    }
}
