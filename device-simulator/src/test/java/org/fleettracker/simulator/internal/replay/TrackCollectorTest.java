package org.fleettracker.simulator.internal.replay;

import org.fleettracker.simulator.internal.gpx.GpxPoint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrackCollectorTest {

    @Test
    void late_points_are_counted() {
        List<GpxPoint> points = List.of(at("10:00"), at("10:00"), at("09:00"), at("10:01"), at("09:30"));

        assertThat(TrackCollector.latePoints(points)).isEqualTo(2);
    }

    @Test
    void ordered_points_are_not_late() {
        assertThat(TrackCollector.latePoints(List.of(at("09:00"), at("09:00"), at("09:01"))))
                .isZero();
    }

    private static GpxPoint at(String time) {
        return new GpxPoint(1, 46.05, 14.5, null, Instant.parse("2024-05-01T" + time + ":00Z"), null, null, null);
    }
}
