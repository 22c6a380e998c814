package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.testing.Fixes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FixTimeRuleTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-04T12:00:00Z");
    private static final FixTimeRule RULE = new FixTimeRule(IngestSettings.defaults());

    /** Offset of the fix time from the receive time, and the outcome: ok, corrected, or a reject reason. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "PT0S, ok",
        "-PT1S, ok",
        "PT5M, ok",
        "PT5M0.000000001S, fix_time_in_future",
        "PT1H, fix_time_in_future",
        "P365D, fix_time_in_future",
        "-P30D, ok",
        "-P30DT0.000000001S, fix_time_too_old",
        "-P31D, fix_time_too_old",
        "-P7168D, corrected",
        "-P7168DT3H, corrected",
        "-P7197D, corrected",
        "-P7168DT-5M, corrected",
        "-P7168DT-6M, fix_time_too_old",
        "-P7199D, fix_time_too_old",
        "-P14336D, fix_time_too_old",
    })
    void fix_time_window_per_offset(String offset, String expected) {
        Telemetry fix = fixAt(RECEIVED.plus(Duration.parse(offset)));

        FixTimeRule.Outcome outcome = RULE.check(fix, RECEIVED);

        switch (expected) {
            case "ok" -> assertThat(outcome).isEqualTo(new FixTimeRule.Outcome.Accepted(fix, false));
            case "corrected" -> {
                assertThat(outcome).isInstanceOf(FixTimeRule.Outcome.Accepted.class);
                var accepted = (FixTimeRule.Outcome.Accepted) outcome;
                assertThat(accepted.corrected()).isTrue();
                assertThat(accepted.fix().fixTime()).isEqualTo(fix.fixTime().plus(Duration.ofDays(7 * 1024)));
                assertThat(accepted.fix().seq()).isEqualTo(fix.seq());
                assertThat(accepted.fix().latitudeDeg()).isEqualTo(fix.latitudeDeg());
            }
            default -> {
                assertThat(outcome).isInstanceOf(FixTimeRule.Outcome.Rejected.class);
                assertThat(((FixTimeRule.Outcome.Rejected) outcome).reason().code())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void epoch_zero_means_clock_not_set() {
        FixTimeRule.Outcome outcome = RULE.check(fixAt(Instant.EPOCH), RECEIVED);

        assertThat(outcome).isInstanceOf(FixTimeRule.Outcome.Rejected.class);
        var rejected = (FixTimeRule.Outcome.Rejected) outcome;
        assertThat(rejected.reason()).isEqualTo(RejectReason.FIX_TIME_TOO_OLD);
        assertThat(rejected.detail()).contains("epoch", "clock is not set");
    }

    /** The detail names the limit as it is written in config/tracker.properties, so an operator can find it. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "PT6M, 5m (ingest.max-fix-time-ahead)",
        "-P31D, 30d (ingest.max-fix-age)",
    })
    void reject_detail_names_limit_key(String offset, String limit) {
        FixTimeRule.Outcome outcome = RULE.check(fixAt(RECEIVED.plus(Duration.parse(offset))), RECEIVED);

        assertThat(outcome).isInstanceOf(FixTimeRule.Outcome.Rejected.class);
        assertThat(((FixTimeRule.Outcome.Rejected) outcome).detail()).contains("more than " + limit);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"PT0S, 0s", "PT90S, 90s", "PT5M, 5m", "PT2H, 2h", "P30D, 30d", "PT1.5S, PT1.5S"})
    void limit_text_largest_whole_unit(String duration, String text) {
        assertThat(FixTimeRule.limitText(Duration.parse(duration))).isEqualTo(text);
    }

    @Test
    void window_follows_the_settings() {
        FixTimeRule strict = new FixTimeRule(
                IngestSettings.defaults().withMaxFixTimeAhead(Duration.ZERO).withMaxFixAge(Duration.ofHours(1)));

        assertThat(strict.check(fixAt(RECEIVED.plusSeconds(1)), RECEIVED))
                .isInstanceOf(FixTimeRule.Outcome.Rejected.class);
        assertThat(strict.check(fixAt(RECEIVED.minus(Duration.ofHours(2))), RECEIVED))
                .isInstanceOf(FixTimeRule.Outcome.Rejected.class);
        assertThat(strict.check(fixAt(RECEIVED.minus(Duration.ofHours(1))), RECEIVED))
                .isInstanceOf(FixTimeRule.Outcome.Accepted.class);
    }

    private static Telemetry fixAt(Instant fixTime) {
        return Fixes.fix("v1", 7, fixTime, 52.5, 13.4);
    }
}
