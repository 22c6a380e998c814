package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.owntracks.OwnTracksMapping;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmarks of the CPU-only ingest stages for one telemetry message: decoding (topic, JSON, range checks) and
 * validation (the vehicle's fleet against the known states, empty here). {@code IngestStagesBenchmarkTest} runs
 * them briefly; docs/performance.md shows the full run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IngestStagesBenchmark {

    private static final String FLEET_ID = "bench";

    private static final String VEHICLE_ID = "bench-0001";

    private final DecodeStage decodeStage;
    private final ValidateStage validateStage;
    private final List<InboundMessage> message;
    private final List<Decoded> decoded;

    /** Builds the stages and one encoded fix. JMH creates one instance per benchmark thread. */
    public IngestStagesBenchmark() {
        VehicleStates states = new VehicleStates();
        decodeStage = new DecodeStage(new OwnTracksDecode(OwnTracksMapping.empty(), new TrackerMetrics(states::size)));
        validateStage = new ValidateStage(states);
        Instant now = Instant.now();
        Telemetry fix = new Telemetry(VEHICLE_ID, 1, now, 46.05, 14.5, 30, 90, 300.0, 5.0, 1_000.0, true, 80.0, null);
        message = List.of(
                new InboundMessage(Topics.telemetry(FLEET_ID, VEHICLE_ID), TelemetryCodec.encode(fix), 1, 1, 0, now));
        decoded = decodeStage.decodeAll(message);
    }

    @Benchmark
    public List<Decoded> decode() {
        return decodeStage.decodeAll(message);
    }

    @Benchmark
    public List<Decoded> validate() {
        return validateStage.validate(decoded);
    }
}
