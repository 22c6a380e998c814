package org.fleettracker.protocol.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void state_round_trips() {
        Telemetry fix = Telemetry.of("v-1", 3, Instant.parse("2026-12-04T09:00:00Z"), 45.1, 13.7, 50, 180);
        VehicleState state =
                VehicleState.fromFix("demo", fix, Instant.parse("2026-12-04T09:00:01Z"), true, Instant.now());

        VehicleState decoded = Json.decode(Json.encode(state), VehicleState.class);

        assertThat(decoded).isEqualTo(state);
    }

    @Test
    void state_uses_wire_codes_and_iso_times() {
        Telemetry fix = Telemetry.of("v-1", 3, Instant.parse("2026-12-04T09:00:00Z"), 45.1, 13.7, 0, 180);
        VehicleState state = VehicleState.fromFix(
                "demo", fix, Instant.parse("2026-12-04T09:00:01Z"), null, Instant.parse("2026-12-04T09:00:02Z"));

        String json = new String(Json.encode(state), StandardCharsets.UTF_8);

        assertThat(json).contains("\"status\":\"stopped\"");
        assertThat(json).contains("\"fixTime\":\"2026-12-04T09:00:00Z\"");
        assertThat(json).doesNotContain("\"online\"");
    }

    @Test
    void reject_round_trips() {
        Reject reject = new Reject(
                "demo",
                "v-1",
                "fleet/demo/vehicles/v-1/telemetry",
                RejectReason.OUT_OF_RANGE,
                "latitudeDeg 91.0 is out of range",
                Instant.parse("2026-12-04T09:00:00Z"),
                "{\"latitudeDeg\":91}");

        String json = new String(Json.encode(reject), StandardCharsets.UTF_8);

        assertThat(json).contains("\"reason\":\"out_of_range\"");
        assertThat(Json.decode(json.getBytes(StandardCharsets.UTF_8), Reject.class))
                .isEqualTo(reject);
    }

    @Test
    void presence_parses_plain_text() {
        assertThat(Presence.parse(" online\n".getBytes(StandardCharsets.UTF_8))).contains(Presence.ONLINE);
        assertThat(Presence.parse("OFFLINE".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
