package org.fleettracker.console.internal.ui;

import org.fleettracker.console.testing.FxThread;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A short run of the frame benchmark with a small fleet, so the benchmark keeps working. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleFrameBenchmarkIT {

    @TempDir
    Path folder;

    @BeforeEach
    void startToolkit() throws InterruptedException {
        assumeTrue(
                System.getenv("DISPLAY") != null,
                "UI test skipped: no DISPLAY is set; run the build under xvfb-run -a to include it");
        FxThread.startToolkit();
    }

    @Test
    void small_fleet_run_writes_percentiles() throws Exception {
        Path output = folder.resolve("console-frame.txt");
        ConsoleFrameBenchmark.Options options = ConsoleFrameBenchmark.Options.parse(new String[] {
            "--vehicles", "300", "--warmup-frames", "10", "--frames", "40", "--output", output.toString()
        });

        ConsoleFrameBenchmark.Result result = ConsoleFrameBenchmark.run(options);

        assertThat(result.frames()).isEqualTo(40);
        assertThat(result.p50Ms()).isPositive();
        assertThat(result.p99Ms()).isGreaterThanOrEqualTo(result.p50Ms());
        assertThat(result.maxMs()).isGreaterThanOrEqualTo(result.p99Ms());
        assertThat(result.statesOffered()).isPositive();
        assertThat(result.lastFrame().vehicles()).isEqualTo(300);
        assertThat(output).content().contains("frames_measured=40").contains("work_p99_ms=");
    }
}
