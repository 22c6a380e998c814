package org.fleettracker.simulator.internal.gpx;

import org.fleettracker.simulator.internal.PlannedFix;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void times_are_shifted_to_end_at_start() {
        ReplayPlan plan = plan("drive-1.1.gpx", 1, false);

        assertThat(plan.fixes().get(0).fixTime()).isEqualTo(START.minusSeconds(35));
        assertThat(plan.fixes().get(35).fixTime()).isEqualTo(START);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1, 4, 10_000})
    void fix_time_is_never_after_send_time(double speedup) {
        for (String fixture : List.of("drive-1.1.gpx", "walk-1.0.gpx")) {
            List<PlannedFix> fixes = plan(fixture, speedup, false).fixes();

            assertThat(fixes).allSatisfy(fix -> assertThat(fix.fixTime())
                    .as("fix time of %s sent at start + %s", fixture, fix.sendOffset())
                    .isBeforeOrEqualTo(START.plus(fix.sendOffset())));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fix_times_and_send_offsets_strictly_increase(boolean originalTimes) {
        for (String fixture : List.of("drive-1.1.gpx", "walk-1.0.gpx")) {
            List<PlannedFix> fixes = plan(fixture, 4, originalTimes).fixes();

            for (int i = 1; i < fixes.size(); i++) {
                assertThat(fixes.get(i).fixTime())
                        .as("fix time %d of %s", i, fixture)
                        .isAfter(fixes.get(i - 1).fixTime());
                assertThat(fixes.get(i).sendOffset())
                        .as("send offset %d of %s", i, fixture)
                        .isGreaterThan(fixes.get(i - 1).sendOffset());
            }
        }
    }

    @Test
    void repeated_time_moves_one_millisecond_later() {
        Instant t = Instant.parse("2024-05-01T08:00:00Z");
        var track = new GpxTrack(
                FILE,
                "trkpt",
                List.of(
                        point(3, 46.0, t),
                        point(4, 46.0001, t),
                        point(5, 46.0002, t),
                        point(6, 46.0003, t.plusSeconds(1))));

        List<PlannedFix> fixes =
                ReplayPlan.of(track, START, Duration.ofSeconds(1), 1, false).fixes();

        assertThat(fixes)
                .extracting(PlannedFix::fixTime)
                .containsExactly(START.minusSeconds(1), START.minusMillis(999), START.minusMillis(998), START);
        assertThat(fixes)
                .extracting(PlannedFix::sendOffset)
                .containsExactly(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1));
    }

    @Test
    void repeated_time_keeps_previous_speed() {
        Instant t = Instant.parse("2024-05-01T08:00:00Z");
        // 0.0001 degrees of latitude is about 11 m, so 11 m in 1 s is about 40 km/h.
        var track = new GpxTrack(
                FILE,
                "trkpt",
                List.of(
                        point(3, 46.0, t),
                        point(4, 46.0001, t.plusSeconds(1)),
                        point(5, 46.0002, t.plusSeconds(1)),
                        point(6, 46.0003, t.plusSeconds(1))));

        List<PlannedFix> fixes =
                ReplayPlan.of(track, START, Duration.ofSeconds(1), 1, false).fixes();

        assertThat(fixes.get(1).fix().speedKmh()).isCloseTo(40, within(1.0));
        assertThat(fixes.get(2).fix().speedKmh()).isCloseTo(40, within(1.0));
        assertThat(fixes.get(3).fix().speedKmh()).isCloseTo(40, within(1.0));
    }

    @Test
    void first_point_sharing_time_with_second_has_no_speed() {
        Instant t = Instant.parse("2024-05-01T08:00:00Z");
        var track = new GpxTrack(FILE, "trkpt", List.of(point(3, 46.0, t), point(4, 46.0001, t)));

        List<PlannedFix> fixes =
                ReplayPlan.of(track, START, Duration.ofSeconds(1), 1, false).fixes();

        assertThat(fixes.get(0).fix().speedKmh()).isZero();
        assertThat(fixes.get(1).fix().speedKmh()).isZero();
    }

    @Test
    void repeated_original_time_moves_one_millisecond_later() {
        Instant t = Instant.parse("2024-05-01T08:00:00Z");
        var track = new GpxTrack(FILE, "trkpt", List.of(point(3, 46.0, t), point(4, 46.0001, t)));

        List<PlannedFix> fixes =
                ReplayPlan.of(track, START, Duration.ofSeconds(1), 1, true).fixes();

        assertThat(fixes).extracting(PlannedFix::fixTime).containsExactly(t, t.plusMillis(1));
    }

    @Test
    void original_times_are_kept_on_request() {
        ReplayPlan plan = plan("drive-1.1.gpx", 1, true);

        assertThat(plan.fixes().get(1).fixTime()).isEqualTo(Instant.parse("2024-05-01T08:00:01Z"));
    }

    @Test
    void speedup_divides_send_offsets_but_not_fix_times() {
        ReplayPlan plan = plan("walk-1.0.gpx", 4, false);

        PlannedFix first = plan.fixes().get(0);
        PlannedFix third = plan.fixes().get(2);
        assertThat(third.sendOffset()).isEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.between(first.fixTime(), third.fixTime())).isEqualTo(Duration.ofSeconds(4));
        assertThat(plan.fixes().get(plan.fixes().size() - 1).fixTime()).isEqualTo(START);
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
        assertThat(plan.fixes().get(0).fixTime()).isEqualTo(START.minusMillis(500));
        assertThat(plan.fixes().get(1).fixTime()).isEqualTo(START);
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
                .hasMessageContaining("lacks a time");
    }

    @Test
    void error_of_a_csv_track_names_csv() {
        var track = new GpxTrack(
                FILE,
                "CSV",
                "CSV row",
                List.of(point(3, 46.0, START), point(9, 46.001, START.minusSeconds(1))),
                List.of());

        assertThatThrownBy(() -> ReplayPlan.of(track, START, Duration.ofSeconds(1), 1, false))
                .isInstanceOf(GpxFormatException.class)
                .hasMessageStartingWith("CSV file " + FILE + " is invalid at line 9");
    }

    @Test
    void length_spans_first_to_last_offset() {
        var track = new GpxTrack(FILE, "trkpt", List.of(point(3, 46.0, START), point(4, 46.001, START.plusSeconds(7))));

        assertThat(ReplayPlan.length(track, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(7));
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
        return new GpxPoint(line, latitudeDeg, 14.0, null, time, null, null, null);
    }
}
