package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.protocol.api.DecodeResult;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.simulator.internal.FaultInjector.Malformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Runs the simulator with each fault flag against an embedded broker and checks what a subscriber receives. */
@Timeout(120)
class FaultInjectionIT {

    private static final int VEHICLES = 4;
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration DURATION = Duration.ofSeconds(3);
    private static final long SEED = 77;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.builder().port(0).dataDir(dataDir).build().start(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void duplicates_are_published_and_counted() throws Exception {
        FaultSettings faults = new FaultSettings(null, 0.3, 0, 0, null, 1, Set.of());

        Run run = run(faults);

        Map<String, Long> copiesBySeq = run.telemetry().stream()
                .collect(Collectors.groupingBy(fix -> fix.vehicleId() + "/" + fix.seq(), Collectors.counting()));
        long extraCopies = run.telemetry().size() - copiesBySeq.size();
        assertThat(run.summary().faults().duplicates()).isPositive();
        assertThat(extraCopies).isEqualTo(run.summary().faults().duplicates());
        assertThat(copiesBySeq.values()).allSatisfy(copies -> assertThat(copies).isBetween(1L, 2L));
        assertThat(run.summary().published()).isEqualTo(run.summary().acknowledged());
    }

    @Test
    void out_of_order_fixes_follow_their_successor() throws Exception {
        FaultSettings faults = new FaultSettings(null, 0, 0.3, 0, null, 1, Set.of());

        Run run = run(faults);

        long inversions = 0;
        for (List<Telemetry> fixes : run.byVehicle().values()) {
            for (int i = 1; i < fixes.size(); i++) {
                if (fixes.get(i).seq() < fixes.get(i - 1).seq()) {
                    inversions++;
                }
            }
            assertThat(seqs(fixes)).isEqualTo(contiguous(fixes));
        }
        assertThat(run.summary().faults().reordered()).isPositive();
        assertThat(inversions).isEqualTo(run.summary().faults().reordered());
    }

    @Test
    void malformed_payloads_fail_decoding_with_a_reason() throws Exception {
        FaultSettings faults = new FaultSettings(null, 0, 0, 0.3, null, 1, Set.of());

        Run run = run(faults);

        List<String> reasons = new ArrayList<>();
        for (MqttProbe.Received message : run.messages()) {
            String vehicleId = Topics.parse(message.topic()).orElseThrow().vehicleId();
            if (TelemetryCodec.decode(message.payload(), vehicleId) instanceof DecodeResult.Rejected rejected) {
                reasons.add(rejected.reason().code());
            }
        }
        assertThat(run.summary().faults().malformed()).isPositive();
        assertThat(reasons).hasSize((int) run.summary().faults().malformed());
        assertThat(reasons)
                .containsOnly(Arrays.stream(Malformation.values())
                        .map(Malformation::rejectReason)
                        .toArray(String[]::new));
    }

    @Test
    void clock_skew_shifts_the_chosen_vehicles_only() throws Exception {
        Duration skew = Duration.ofHours(-1);
        FaultSettings faults = new FaultSettings(null, 0, 0, 0, skew, 1, Set.of("sim-002"));
        Instant runStart = Instant.now();

        Run run = run(faults);

        List<Telemetry> skewed = run.byVehicle().get("sim-002");
        assertThat(skewed).allSatisfy(fix -> assertThat(fix.fixTime()).isBefore(runStart.plus(skew.plusMinutes(1))));
        run.byVehicle().forEach((vehicleId, fixes) -> {
            if (!vehicleId.equals("sim-002")) {
                assertThat(fixes)
                        .allSatisfy(fix -> assertThat(fix.fixTime()).isAfterOrEqualTo(runStart.minusSeconds(1)));
            }
        });
        assertThat(run.summary().faults().skewed()).isEqualTo(skewed.size());
    }

    @Test
    void dropped_connections_reconnect_and_lose_no_fix() throws Exception {
        FaultSettings faults = new FaultSettings(FaultSettings.MIN_DROP_CONNECTION_EVERY, 0, 0, 0, null, 1, Set.of());

        Run run = run(faults);

        assertThat(run.summary().faults().connectionsDropped()).isGreaterThanOrEqualTo(2);
        assertThat(run.summary().reconnects()).isPositive();
        assertThat(run.summary().allDelivered()).isTrue();
        run.byVehicle()
                .forEach((vehicleId, fixes) ->
                        assertThat(seqs(fixes)).as("seqs of %s", vehicleId).isEqualTo(contiguous(fixes)));
    }

    @Test
    void same_seed_injects_the_same_faults() throws Exception {
        FaultSettings faults = new FaultSettings(null, 0.2, 0.2, 0.2, null, 1, Set.of());

        FaultCounts first = run(faults).summary().faults();
        FaultCounts second = run(faults).summary().faults();

        assertThat(second).isEqualTo(first);
    }

    /** What one run published and what the probe received, after every acknowledged message arrived. */
    private record Run(SimulatorSummary summary, List<MqttProbe.Received> messages) {

        List<Telemetry> telemetry() {
            return messages.stream().map(MqttProbe.Received::telemetry).toList();
        }

        Map<String, List<Telemetry>> byVehicle() {
            return telemetry().stream().collect(Collectors.groupingBy(Telemetry::vehicleId));
        }
    }

    private Run run(FaultSettings faults) throws Exception {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(broker.serverUri())
                .vehicleCount(VEHICLES)
                .interval(INTERVAL)
                .duration(DURATION)
                .seed(SEED)
                .reconnectDelays(Duration.ofMillis(100), Duration.ofMillis(500), 0.2)
                .faults(faults)
                .build();
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", Topics.ALL_TELEMETRY);
                Simulator simulator = Simulator.start(settings)) {
            assertThat(simulator.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            SimulatorSummary summary = simulator.summary();
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.messages().size() >= summary.acknowledged());
            return new Run(summary, probe.messages());
        }
    }

    private static Set<Long> seqs(List<Telemetry> fixes) {
        return fixes.stream().map(Telemetry::seq).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> contiguous(List<Telemetry> fixes) {
        TreeSet<Long> seqs = new TreeSet<>(seqs(fixes));
        return LongStream.rangeClosed(seqs.first(), seqs.last()).boxed().collect(Collectors.toCollection(TreeSet::new));
    }
}
