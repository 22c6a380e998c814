package org.fleettracker.console.internal.model;

import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** Builds vehicle states for tests of fleet {@code demo}. */
final class States {

    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private States() {}

    /** A moving, online state of {@code vehicleId} whose fix is {@code fixOffsetS} seconds after {@link #T0}. */
    static VehicleState at(String vehicleId, int fixOffsetS, double latitudeDeg, double longitudeDeg) {
        return state(vehicleId, fixOffsetS, latitudeDeg, longitudeDeg, 40.0, Boolean.TRUE);
    }

    static VehicleState state(
            String vehicleId,
            int fixOffsetS,
            double latitudeDeg,
            double longitudeDeg,
            double speedKmh,
            @Nullable Boolean online) {
        Instant fixTime = T0.plusSeconds(fixOffsetS);
        return new VehicleState(
                "demo",
                vehicleId,
                1_000L + fixOffsetS,
                fixTime,
                fixTime.plusMillis(200),
                latitudeDeg,
                longitudeDeg,
                speedKmh,
                90.0,
                null,
                5.0,
                null,
                Boolean.TRUE,
                null,
                MotionStatus.fromSpeed(speedKmh),
                online,
                null,
                null,
                fixTime.plusMillis(250));
    }
}
