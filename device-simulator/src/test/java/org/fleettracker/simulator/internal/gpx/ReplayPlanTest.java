package org.fleettracker.simulator.internal.gpx;

import org.fleettracker.simulator.internal.PlannedFix;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReplayPlanTest {

    private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
    private static final Path FILE = Path.of("test.gpx");

    @Test
    void times_are_shifted_to_start() {
        ReplayPlan plan = plan("drive-1.1.gpx", 1, false);

        assertThat(plan.fixes().get(0).fixTime()).isEqualTo(START);
        assertThat(plan.fixes().get(35).fixTime()).isEqualTo(START.plusSeconds(35));
    }

    @Test
    void original_times_are_kept_on_request() {
        ReplayPlan plan = plan("drive-1.1.gpx", 1, true);

        assertThat(plan.fixes().get(1).fixTime()).isEqualTo(Instant.parse("2024-05-01T08:00:01Z"));
    }

    @Test
    void speedup_divides_send_offsets_but_not_fix_times() {
        ReplayPlan plan = plan("walk-1.0.gpx", 4, false);

        PlannedFix third = plan.fixes().get(2);
        assertThat(third.sendOffset()).isEqualTo(Duration.ofSeconds(1));
        assertThat(third.fixTime()).isEqualTo(START.plusSeconds(4));
    }

    @Test
    void missing_speed_and_heading_are_computed() {
        List<PlannedFix> fixes = plan("drive-1.1.gpx", 1, false).fixes();

        // The fixture drives east at 10 m/s, then north-east at 8 m/s.
        assertThat(fixes.get(0).fix().speedKmh()).isCloseTo(36, within(0.5));
        assertThat(fixes.get(0).fix().headingDeg()).isCloseTo(90, within(0.5));
        assertThat(fixes.get(10).fix().speedKmh()).isCloseTo(36, within(0.5));
        assertThat(fixes.get(30).fix().speedKmh()).isCloseTo(28.8, within(0.5));
        assertThat(fixes.get(30).fix().headingDeg()).isCloseTo(45, within(0.5));
    }

    @Test
    void speed_and_course_of_gpx_are_used() {
        List<PlannedFix> fixes = plan("walk-1.0.gpx", 1, false).fixes();

        assertThat(fixes).allSatisfy(fix -> {
            assertThat(fix.fix().speedKmh()).isEqualTo(18.0);
            assertThat(fix.fix().headingDeg()).isEqualTo(180.0);
        });
    }

    @Test
    void points_without_time_are_spaced_by_interval() {
        var track = new GpxTrack(FILE, "rtept", List.of(point(3, 46.0, null), point(4, 46.0001, null)));

        ReplayPlan plan = ReplayPlan.of(track, START, Duration.ofMillis(500), 2, false);

        assertThat(plan.fixes().get(1).sendOffset()).isEqualTo(Duration.ofMillis(250));
        assertThat(plan.fixes().get(1).fixTime()).isEqualTo(START.plusMillis(500));
        assertThat(plan.fixes().get(1).fix().headingDeg()).isCloseTo(0, within(0.01));
        assertThat(plan.fixes().get(1).fix().speedKmh()).isCloseTo(11.12 / 0.5 * 3.6, within(0.1));
    }

    @Test
    void original_times_without_times_are_rejected() {
        var track = new GpxTrack(FILE, "rtept", List.of(point(3, 46.0, null)));

        assertThatThrownBy(() -> ReplayPlan.of(track, START, Duration.ofSeconds(1), 1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--original-times");
    }

    @Test
    void untimed_point_among_timed_is_rejected() {
        var track = new GpxTrack(FILE, "trkpt", List.of(point(3, 46.0, START), point(7, 46.001, null)));

        assertThatThrownBy(() -> ReplayPlan.of(track, START, Duration.ofSeconds(1), 1, false))
                .isInstanceOf(GpxFormatException.class)
                .hasMessageContaining("at line 7")
                .hasMessageContaining("lacks a <time>");
    }

    @Test
    void time_going_backwards_is_rejected_with_line() {
        var track =
                new GpxTrack(FILE, "trkpt", List.of(point(3, 46.0, START), point(9, 46.001, START.minusSeconds(1))));

        assertThatThrownBy(() -> ReplayPlan.of(track, START, Duration.ofSeconds(1), 1, false))
                .isInstanceOf(GpxFormatException.class)
                .hasMessageContaining("at line 9")
                .hasMessageContaining("earlier than the previous point");
    }

    @Test
    void teleport_speed_is_capped_to_the_telemetry_maximum() {
        var track = new GpxTrack(FILE, "trkpt", List.of(point(3, 46.0, START), point(4, 47.0, START.plusSeconds(1))));

        ReplayPlan plan = ReplayPlan.of(track, START, Duration.ofSeconds(1), 1, false);

        assertThat(plan.fixes().get(1).fix().speedKmh()).isEqualTo(500.0);
    }

    private static ReplayPlan plan(String fixture, double speedup, boolean originalTimes) {
        GpxTrack track = GpxReader.read(GpxReaderTest.fixture(fixture));
        return ReplayPlan.of(track, START, Duration.ofSeconds(1), speedup, originalTimes);
    }

    private static GpxPoint point(int line, double latitudeDeg, @Nullable Instant time) {
        return new GpxPoint(line, latitudeDeg, 14.0, null, time, null, null);
    }
}
