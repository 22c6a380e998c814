package org.fleettracker.simulator.bench;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class JitWarmupTest {

    /** A little over a second, as the feeder's loop samples: each check comes a few milliseconds late. */
    private static final long SECOND = 1_003_000_000L;

    private final JitWarmup warmup = new JitWarmup();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void compilers_settle_after_quiet_span() {
        // Half a core of C2 work for 6 s, then 0.02 cores of C1 and C2 together.
        long cpuMicros = 0;
        for (int second = 0; second <= 6; second++) {
            assertThat(warmup.settled(second * SECOND, cpu(cpuMicros, 0)))
                    .as("second %d", second)
                    .isFalse();
            cpuMicros += 500_000;
        }
        assertThat(warmup.lastCores()).isCloseTo(0.5, Offset.offset(0.01));
        long c1Micros = 0;
        boolean settled = false;
        int second = 7;
        for (; second <= 20 && !settled; second++) {
            cpuMicros += 10_000;
            c1Micros += 10_000;
            settled = warmup.settled(second * SECOND, cpu(cpuMicros, c1Micros));
        }
        assertThat(settled).isTrue();
        // The last busy second leaves the span about 5 s after it.
        assertThat(second - 1).isBetween(11, 12);
        assertThat(warmup.lastCores()).isLessThan(JitWarmup.SETTLED_CORES);
    }

    @Test
    void partial_span_is_not_settled() {
        assertThat(warmup.settled(0, cpu(0, 0))).isFalse();
        assertThat(warmup.settled(2 * SECOND, cpu(0, 0))).isFalse();
        assertThat(warmup.lastCores()).isNaN();
    }

    @Test
    void threads_read_once_per_second() {
        warmup.settled(0, cpu(0, 0));
        warmup.settled(SECOND / 2, cpu(0, 0));
        warmup.settled(SECOND - 1, cpu(0, 0));
        warmup.settled(SECOND, cpu(0, 0));

        assertThat(reads).hasValue(2);
    }

    private Supplier<Map<String, Long>> cpu(long c2Micros, long c1Micros) {
        return () -> {
            reads.incrementAndGet();
            return Map.of("C2 CompilerThre", c2Micros, "C1 CompilerThre", c1Micros, "main", 123_456_789L);
        };
    }
}
