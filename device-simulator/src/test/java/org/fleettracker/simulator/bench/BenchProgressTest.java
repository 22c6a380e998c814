package org.fleettracker.simulator.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchProgressTest {

    private final BenchProgress progress = new BenchProgress();

    @Test
    void interrupt_names_step_and_kept_folder() {
        progress.workDir(Path.of("/tmp/fleet-bench-1"));
        progress.enter("pipeline phase");

        assertThat(progress.interrupt())
                .hasValue("The benchmark was interrupted during the pipeline phase, so it wrote no report and no JSON."
                        + " Its work folder /tmp/fleet-bench-1 is kept.");
        assertThat(progress.interrupted()).isTrue();
    }

    @Test
    void interrupt_before_the_folder_says_none_exists() {
        assertThat(progress.interrupt()).hasValueSatisfying(line -> assertThat(line)
                .contains("interrupted during the set-up")
                .endsWith("No work folder was created yet."));
    }

    @Test
    void interrupt_after_finish_prints_nothing() {
        progress.workDir(Path.of("/tmp/fleet-bench-2"));
        progress.finish();

        assertThat(progress.interrupt()).isEmpty();
        assertThat(progress.interrupted()).isFalse();
    }
}
