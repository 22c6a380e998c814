package org.fleettracker.console.internal.ui;

import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VehicleDetailsTest {

    private static final Instant TIME = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void event_line_shows_time_type_and_attributes() {
        FleetEvent event = new FleetEvent("evt-1", "geofence-entered", "van-01", TIME, Map.of("geofenceId", "depot"));

        assertThat(VehicleDetails.eventLine(event))
                .isEqualTo(Formats.localTime(TIME) + "  geofence-entered  geofenceId=depot");
    }

    @Test
    void event_line_marks_alerts_with_their_severity() {
        FleetEvent event = new FleetEvent("evt-2", "overspeed", "van-01", TIME, EventSeverity.WARNING, true, Map.of());

        assertThat(VehicleDetails.eventLine(event)).isEqualTo(Formats.localTime(TIME) + "  overspeed (warning alert)");
    }

    @Test
    void short_attributes_cut_count_and_length() {
        Map<String, String> attributes = Map.of("d", "4", "a", "1", "c", "3", "b", "x".repeat(40));

        assertThat(VehicleDetails.shortAttributes(attributes)).isEqualTo("a=1, b=" + "x".repeat(23) + "…, c=3 (+1)");
    }

    @Test
    void long_decimals_are_rounded_but_ids_are_not() {
        Map<String, String> attributes = Map.of(
                "speedKmh", "30.000000000000007", "limitKmh", "80", "distanceM", "-12.3456", "geofenceId", "1.2345");

        assertThat(VehicleDetails.shortAttributes(attributes))
                .isEqualTo("distanceM=-12.35, geofenceId=1.2345, limitKmh=80 (+1)");
        assertThat(VehicleDetails.readable("speedKmh", "30.000000000000007")).isEqualTo("30");
        assertThat(VehicleDetails.readable("note", "call 1.23456 now")).isEqualTo("call 1.23456 now");
    }
}
