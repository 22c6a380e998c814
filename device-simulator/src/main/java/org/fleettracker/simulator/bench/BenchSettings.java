package org.fleettracker.simulator.bench;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of one benchmark run.
 *
 * @param trackerClasspath class path of the tracker's JVM, such as the tracker jar, whose manifest brings the rest
 * @param trackerConfig the tracker's properties file, or null for the tracker's defaults; the transport broker reads
 *     its {@code security.*} keys too
 * @param workDir folder for the users file, the tracker's data and the logs; a new temp folder when null
 */
record BenchSettings(
        String trackerClasspath,
        @Nullable Path trackerConfig,
        int vehicles,
        Duration warmup,
        Duration transportDuration,
        Duration pipelineDuration,
        Duration latencyDuration,
        int latencyRatePerSecond,
        @Nullable Path workDir) {

    BenchSettings {
        if (vehicles < 1) {
            throw new IllegalArgumentException("vehicles must be at least 1, got " + vehicles);
        }
        if (latencyRatePerSecond < 1) {
            throw new IllegalArgumentException("latency rate must be at least 1 msg/s, got " + latencyRatePerSecond);
        }
        requirePositive("transport duration", transportDuration);
        requirePositive("pipeline duration", pipelineDuration);
        requirePositive("latency duration", latencyDuration);
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warm-up must not be negative, got " + warmup);
        }
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
