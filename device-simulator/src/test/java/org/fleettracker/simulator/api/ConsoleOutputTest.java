package org.fleettracker.simulator.api;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleOutputTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ConsoleOutput console = new ConsoleOutput(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    private static SimulatorSummary summary(JobCounts jobs) {
        return new SimulatorSummary(3, 3, 10, 10, 0, 0, 0, 0, 0, 0, new FaultCounts(0, 0, 0, 0, 0), jobs, 0, 0, 0);
    }

    @Test
    void progress_line_counts_jobs() {
        console.progress(summary(new JobCounts(2, 1, 3, 1)));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("; jobs: accepted 2, rejected 1, stops reached 3, completed 1");
    }

    @Test
    void run_without_jobs_prints_no_job_counts() {
        console.finished(summary(new JobCounts(0, 0, 0, 0)), true);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("finished: ")
                .doesNotContain("jobs:");
    }
}
