package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OutlierRunsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T11:00:00Z");

    private final OutlierRuns runs = new OutlierRuns(
            IngestSettings.defaults(), new PlausibilityRule(IngestSettings.defaults()), new PositionStore());

    @Test
    void third_plausible_outlier_in_a_row_completes_the_run() {
        runs.beginBatch();

        assertThat(runs.completesRun(fix(1, 0))).isFalse();
        assertThat(runs.completesRun(fix(2, 10))).isFalse();
        assertThat(runs.completesRun(fix(3, 20))).isTrue();
    }

    @Test
    void an_uncommitted_batch_is_forgotten_when_it_is_checked_again() {
        runs.beginBatch();
        runs.completesRun(fix(1, 0));
        runs.completesRun(fix(2, 10));

        runs.beginBatch();

        assertThat(runs.completesRun(fix(1, 0))).isFalse();
        assertThat(runs.completesRun(fix(2, 10))).isFalse();
    }

    @Test
    void a_committed_run_goes_on_in_the_next_batch() {
        runs.beginBatch();
        runs.completesRun(fix(1, 0));
        runs.completesRun(fix(2, 10));
        runs.committed();

        runs.beginBatch();

        assertThat(runs.completesRun(fix(3, 20))).isTrue();
    }

    @Test
    void an_accepted_fix_ends_the_run() {
        runs.beginBatch();
        runs.completesRun(fix(1, 0));
        runs.completesRun(fix(2, 10));

        runs.accepted("v1");

        assertThat(runs.completesRun(fix(3, 20))).isFalse();
    }

    @Test
    void a_fix_older_than_the_run_neither_counts_nor_ends_it() {
        runs.beginBatch();
        runs.completesRun(fix(1, 0));
        runs.completesRun(fix(3, 20));

        assertThat(runs.isBehindRun(fix(2, 10))).isTrue();
        assertThat(runs.isBehindRun(fix(4, 30))).isFalse();
        assertThat(runs.completesRun(fix(4, 30))).isTrue();
    }

    /** Returns a fix of v1 {@code seconds} after T0, {@code seq} times 100 m further north. */
    private static Telemetry fix(long seq, long seconds) {
        return Telemetry.of("v1", seq, T0.plusSeconds(seconds), 52.5 + seq * 0.0009, 13.4, 36.0, 0.0);
    }
}
