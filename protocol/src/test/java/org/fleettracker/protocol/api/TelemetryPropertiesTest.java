package org.fleettracker.protocol.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryPropertiesTest {

    @Test
    void sent_time_round_trips_with_microseconds() {
        Instant time = Instant.parse("2026-12-04T09:15:30.123456Z");

        assertThat(TelemetryProperties.parseSentTime(TelemetryProperties.formatSentTime(time)))
                .contains(time);
    }

    @Test
    void missing_sent_time_is_empty() {
        assertThat(TelemetryProperties.parseSentTime(null)).isEmpty();
    }

    @Test
    void invalid_sent_time_is_empty() {
        assertThat(TelemetryProperties.parseSentTime("yesterday")).isEmpty();
        assertThat(TelemetryProperties.parseSentTime("2026-12-04T09:15:30")).isEmpty();
    }
}
