package org.fleettracker.protocol.api;

import org.fleettracker.protocol.testing.TelemetryInvariants;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryInvariantsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T09:15:30Z");

    @Test
    void valid_fix_passes() {
        assertThatCode(() -> TelemetryInvariants.assertValid(States.fix())).doesNotThrowAnyException();
    }

    @Test
    void zero_zero_fix_fails() {
        // The record accepts 0,0; only the codec and the invariants treat it as no fix.
        Telemetry fix = Telemetry.of("v-1", 1, T0, 0, -0.0, 10, 90);

        assertThatThrownBy(() -> TelemetryInvariants.assertValid(fix))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("0,0 means no fix");
    }

    @Test
    void fix_with_only_latitude_zero_passes() {
        Telemetry fix = Telemetry.of("v-1", 1, T0, 0, 13.6, 10, 90);

        assertThatCode(() -> TelemetryInvariants.assertValid(fix)).doesNotThrowAnyException();
    }
}
