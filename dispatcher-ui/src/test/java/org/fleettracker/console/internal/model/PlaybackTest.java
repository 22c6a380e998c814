package org.fleettracker.console.internal.model;

import org.fleettracker.console.internal.api.HistoryPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlaybackTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final TimeRange RANGE = new TimeRange(T0, T0.plusSeconds(3600));
    private static final Duration MAX_GAP = Duration.ofMinutes(5);

    @Test
    void position_between_fixes_is_interpolated() {
        Playback playback = playback(fix(60, 48.0, 11.0), fix(120, 48.1, 11.2));

        GeoPoint at = playback.positionAt(T0.plusSeconds(75)).orElseThrow();

        assertThat(at.latitudeDeg()).isCloseTo(48.025, within(1e-9));
        assertThat(at.longitudeDeg()).isCloseTo(11.05, within(1e-9));
    }

    @Test
    void position_at_fix_time_is_the_fix() {
        Playback playback = playback(fix(60, 48.0, 11.0), fix(120, 48.1, 11.2));

        assertThat(playback.positionAt(T0.plusSeconds(120))).contains(new GeoPoint(48.1, 11.2));
        assertThat(playback.positionAt(T0.plusSeconds(60))).contains(new GeoPoint(48.0, 11.0));
    }

    @Test
    void no_position_before_first_fix() {
        Playback playback = playback(fix(60, 48.0, 11.0), fix(120, 48.1, 11.2));

        assertThat(playback.positionAt(T0.plusSeconds(59))).isEmpty();
        playback.seek(T0);
        assertThat(playback.currentPosition()).isEmpty();
        assertThat(playback.passedFixCount()).isZero();
    }

    @Test
    void position_after_last_fix_stays_there() {
        Playback playback = playback(fix(60, 48.0, 11.0), fix(120, 48.1, 11.2));

        assertThat(playback.positionAt(T0.plusSeconds(3000))).contains(new GeoPoint(48.1, 11.2));
    }

    @Test
    void gap_longer_than_maximum_is_not_interpolated() {
        Playback playback = playback(fix(0, 48.0, 11.0), fix(1200, 48.5, 11.5));

        assertThat(playback.positionAt(T0.plusSeconds(600))).contains(new GeoPoint(48.0, 11.0));
    }

    @Test
    void interpolation_crosses_antimeridian_the_short_way() {
        Playback playback = playback(fix(0, 0.0, 179.0), fix(100, 0.0, -179.0));

        GeoPoint quarter = playback.positionAt(T0.plusSeconds(25)).orElseThrow();
        GeoPoint threeQuarters = playback.positionAt(T0.plusSeconds(75)).orElseThrow();

        assertThat(quarter.longitudeDeg()).isCloseTo(179.5, within(1e-9));
        assertThat(threeQuarters.longitudeDeg()).isCloseTo(-179.5, within(1e-9));
    }

    @Test
    void fixes_are_sorted_by_fix_time() {
        Playback playback = playback(fix(120, 48.1, 11.2), fix(60, 48.0, 11.0));

        assertThat(playback.fixes())
                .extracting(HistoryPosition::fixTime)
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(120));
    }

    @ParameterizedTest
    @CsvSource({"X1, 1", "X10, 10", "X60, 60", "X300, 300"})
    void advance_moves_clock_by_speed_factor(PlaybackSpeed speed, int expectedSeconds) {
        Playback playback = playback(fix(60, 48.0, 11.0));
        playback.setSpeed(speed);
        playback.play();

        boolean moved = playback.advance(Duration.ofSeconds(1));

        assertThat(moved).isTrue();
        assertThat(playback.currentTime()).isEqualTo(T0.plusSeconds(60 + expectedSeconds));
    }

    @Test
    void advance_while_paused_keeps_clock() {
        Playback playback = playback(fix(60, 48.0, 11.0));

        boolean moved = playback.advance(Duration.ofSeconds(1));

        assertThat(moved).isFalse();
        assertThat(playback.currentTime()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void end_of_range_stops_clock_and_pauses() {
        Playback playback = playback(fix(60, 48.0, 11.0));
        playback.setSpeed(PlaybackSpeed.X300);
        playback.play();

        playback.advance(Duration.ofSeconds(20));

        assertThat(playback.currentTime()).isEqualTo(RANGE.to());
        assertThat(playback.isPlaying()).isFalse();
    }

    @Test
    void play_at_end_restarts_from_first_fix() {
        Playback playback = playback(fix(60, 48.0, 11.0));
        playback.seek(RANGE.to());

        boolean started = playback.play();

        assertThat(started).isTrue();
        assertThat(playback.currentTime()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void new_playback_starts_at_first_fix() {
        Playback playback = playback(fix(120, 48.1, 11.2), fix(60, 48.0, 11.0));

        assertThat(playback.currentTime()).isEqualTo(T0.plusSeconds(60));
        assertThat(playback.currentPosition()).contains(new GeoPoint(48.0, 11.0));
    }

    @Test
    void empty_playback_starts_at_range_start() {
        assertThat(playback().currentTime()).isEqualTo(RANGE.from());
    }

    @Test
    void empty_range_does_not_play() {
        Playback playback = playback();

        boolean started = playback.play();

        assertThat(playback.isEmpty()).isTrue();
        assertThat(started).isFalse();
        assertThat(playback.isPlaying()).isFalse();
        assertThat(playback.positionAt(T0.plusSeconds(10))).isEmpty();
        assertThat(playback.passedFixCount()).isZero();
    }

    @Test
    void seek_is_clamped_into_range() {
        Playback playback = playback(fix(60, 48.0, 11.0));

        playback.seek(T0.minusSeconds(10));
        Instant early = playback.currentTime();
        playback.seek(T0.plusSeconds(99_999));
        Instant late = playback.currentTime();

        assertThat(early).isEqualTo(RANGE.from());
        assertThat(late).isEqualTo(RANGE.to());
    }

    @Test
    void passed_fix_count_follows_clock() {
        Playback playback = playback(fix(60, 48.0, 11.0), fix(120, 48.1, 11.2), fix(180, 48.2, 11.4));

        playback.seek(T0.plusSeconds(120));

        assertThat(playback.passedFixCount()).isEqualTo(2);
    }

    private static Playback playback(HistoryPosition... fixes) {
        return new Playback(RANGE, List.of(fixes), MAX_GAP);
    }

    private static HistoryPosition fix(int offsetS, double latitudeDeg, double longitudeDeg) {
        return new HistoryPosition(T0.plusSeconds(offsetS), latitudeDeg, longitudeDeg, 30.0, 90.0);
    }
}
