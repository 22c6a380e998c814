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
 * @param warmup shortest warm-up of each phase
 * @param maxWarmup longest warm-up of each phase, which lasts beyond {@code warmup} until the JIT compilers settle
 * @param workDir folder for the users file, the tracker's data and the logs; a new temp folder when null
 * @param dbUrl JDBC URL of a PostgreSQL database for the tracker, in which the run creates a schema of its own and
 *     drops it at the end; null keeps the tracker's H2 file in the work folder
 * @param dbUser user of {@code dbUrl}, or null for the URL's own
 * @param dbPassword password of {@code dbUser}, empty for none
 * @param trackers tracker processes that share the telemetry through the shared subscription; more than one needs
 *     {@code dbUrl} and a separate broker
 * @param separateBroker whether the tracker phase runs HiveMQ with the security extension in a process of its own,
 *     which the trackers join as clients, instead of the broker embedded in the tracker
 */
record BenchSettings(
        String trackerClasspath,
        @Nullable Path trackerConfig,
        int vehicles,
        Duration warmup,
        Duration maxWarmup,
        Duration transportDuration,
        Duration pipelineDuration,
        Duration latencyDuration,
        int latencyRatePerSecond,
        @Nullable Path workDir,
        @Nullable String dbUrl,
        @Nullable String dbUser,
        String dbPassword,
        int trackers,
        boolean separateBroker) {

    /** The warm-up of each phase. */
    Feeder.Warmup phaseWarmup() {
        return new Feeder.Warmup(warmup, maxWarmup);
    }

    /**
     * Most simulated vehicles: each keeps a record of every fix it sends, and 10,000 vehicles, each with its own MQTT
     * connection and threads, already need more than one small machine's memory.
     */
    static final int MAX_VEHICLES = 10_000;

    /** Most tracker processes one run starts. */
    static final int MAX_TRACKERS = 8;

    BenchSettings {
        if (vehicles < 1 || vehicles > MAX_VEHICLES) {
            throw new IllegalArgumentException("vehicles must be between 1 and " + MAX_VEHICLES + ", got " + vehicles);
        }
        if (latencyRatePerSecond < 1) {
            throw new IllegalArgumentException("latency rate must be at least 1 msg/s, got " + latencyRatePerSecond);
        }
        requirePositive("transport duration", transportDuration);
        requirePositive("pipeline duration", pipelineDuration);
        requirePositive("latency duration", latencyDuration);
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warm-up must not be negative, got " + warmup.toSeconds() + " s");
        }
        if (maxWarmup.isNegative()) {
            throw new IllegalArgumentException(
                    "longest warm-up must not be negative, got " + maxWarmup.toSeconds() + " s");
        }
        if (trackers < 1 || trackers > MAX_TRACKERS) {
            throw new IllegalArgumentException("trackers must be between 1 and " + MAX_TRACKERS + ", got " + trackers);
        }
        if (trackers > 1 && dbUrl == null) {
            throw new IllegalArgumentException(trackers + " trackers need one database to share: set --db-url to a"
                    + " PostgreSQL database, because each tracker's H2 file is its own");
        }
        if (trackers > 1 && !separateBroker) {
            throw new IllegalArgumentException(
                    trackers + " trackers need a broker of their own: the embedded broker serves one tracker");
        }
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "--db-url must be a jdbc:postgresql: URL, got " + BenchDatabase.mask(dbUrl));
        }
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration.toSeconds() + " s");
        }
    }
}
