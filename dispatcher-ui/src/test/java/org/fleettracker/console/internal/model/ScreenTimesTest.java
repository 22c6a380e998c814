package org.fleettracker.console.internal.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ScreenTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate TODAY = LocalDate.of(2026, 7, 1);

    @Test
    void time_alone_is_read_on_today() {
        Instant parsed = ScreenTimes.parse("09:30", TODAY, BERLIN);

        assertThat(parsed).isEqualTo(Instant.parse("2026-07-01T07:30:00Z"));
    }

    @Test
    void date_and_time_are_read_in_zone() {
        Instant parsed = ScreenTimes.parse(" 2026-01-15 18:05 ", TODAY, BERLIN);

        assertThat(parsed).isEqualTo(Instant.parse("2026-01-15T17:05:00Z"));
    }

    @Test
    void format_is_read_back() {
        Instant time = Instant.parse("2026-03-29T12:45:00Z");

        String text = ScreenTimes.format(time, BERLIN);

        assertThat(text).isEqualTo("2026-03-29 14:45");
        assertThat(ScreenTimes.parse(text, TODAY, BERLIN)).isEqualTo(time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9.30", "25:00", "2026-13-01 10:00", "yesterday"})
    void invalid_text_names_accepted_formats(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ScreenTimes.parse(text, TODAY, BERLIN))
                .withMessageContaining(ScreenTimes.FORMATS);
    }

    @Test
    void recent_choice_ends_now() {
        Instant now = Instant.parse("2026-03-01T08:00:00Z");

        TimeRange range = PlaybackRangeChoice.LAST_1_H.endingAt(now);

        assertThat(range.to()).isEqualTo(now);
        assertThat(range.length()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void custom_choice_has_no_fixed_range() {
        assertThatIllegalStateException().isThrownBy(() -> PlaybackRangeChoice.CUSTOM.endingAt(Instant.EPOCH));
    }

    @Test
    void time_range_rejects_end_not_after_start() {
        Instant time = Instant.parse("2026-03-01T08:00:00Z");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TimeRange(time, time))
                .withMessageContaining("is not after its start");
    }
}
