package org.fleettracker.tracker.internal.ingest;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

class IngestStagesBenchmarkTest {

    @Test
    void benchmarks_run_briefly() throws RunnerException {
        Options smoke = new OptionsBuilder()
                .include(IngestStagesBenchmark.class.getName())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(500))
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(smoke).run();

        assertThat(results).hasSize(2);
        for (RunResult result : results) {
            assertThat(result.getPrimaryResult().getScore())
                    .as(result.getParams().getBenchmark())
                    .isPositive();
        }
    }
}
