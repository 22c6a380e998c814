package org.fleettracker.protocol.api;

import java.time.Instant;

/** Sample fixes and states for tests. */
final class States {

    private States() {}

    /** Returns a fix with every optional field set. */
    static Telemetry fix() {
        return new Telemetry(
                "veh-001",
                1_764_840_930_000L,
                Instant.parse("2026-12-04T09:15:30.250Z"),
                46.0569,
                14.5058,
                42.5,
                87.0,
                295.0,
                4.5,
                120_345.0,
                true,
                88.0,
                null);
    }

    /** Returns the state that {@link #fix()} leads to, with every optional field set. */
    static VehicleState sample() {
        Instant receivedTime = Instant.parse("2026-12-04T09:15:30.291Z");
        return VehicleState.fromFix("demo", fix(), receivedTime, true, receivedTime.plusMillis(9));
    }
}
