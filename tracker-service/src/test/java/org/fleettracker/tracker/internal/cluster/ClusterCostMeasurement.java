package org.fleettracker.tracker.internal.cluster;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.fleet.FleetLogic;
import org.fleettracker.tracker.internal.fleet.FleetRules;
import org.fleettracker.tracker.internal.ingest.CommandAckHandler;
import org.fleettracker.tracker.internal.ingest.InboundMessage;
import org.fleettracker.tracker.internal.ingest.IngestPipeline;
import org.fleettracker.tracker.internal.ingest.MqttOutbound;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.owntracks.OwnTracksMapping;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.ConditionStore;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.OdometerStore;
import org.fleettracker.tracker.internal.storage.VehicleCondition;
import org.fleettracker.tracker.internal.storage.VehicleSetReads;
import org.fleettracker.tracker.testing.Fixes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measures what the cluster mode costs, for docs/cluster.md; run by hand, not by the build. Prints through the log:
 *
 * <ol>
 *   <li>one tracker: batches with {@link VehicleTurns#single()} against the cluster mode on the same single instance,
 *       where no vehicle is ever stale;
 *   <li>reloading the fleet rules' caches after another instance changed a batch's vehicles: the per-vehicle queries
 *       of {@link VehicleSetReads} for those vehicles against reading whole tables, as a global reset does.
 * </ol>
 *
 * <p>Run with {@code java -cp <test classpath> org.fleettracker.tracker.internal.cluster.ClusterCostMeasurement}.
 */
public final class ClusterCostMeasurement {

    private static final Logger log = LoggerFactory.getLogger(ClusterCostMeasurement.class);

    private static final int VEHICLES = 200;
    private static final int BATCH_VEHICLES = 100;
    private static final int BATCHES = 400;
    private static final int ROUNDS = 3;
    private static final int FLEET_ROWS = 5_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ClusterCostMeasurement() {}

    public static void main(String[] args) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            log.info(
                    "round {}: ingest CPU time of {} batches of {} fixes, one tracker {} ms, cluster mode {} ms",
                    round,
                    BATCHES * 3 / 4,
                    BATCH_VEHICLES,
                    timeBatches(VehicleTurns::single),
                    timeBatches(() -> VehicleTurns.cluster("only", Duration.ofSeconds(15))));
        }
        measureReloads();
    }

    private static long timeBatches(Supplier<VehicleTurns> turns) throws Exception {
        Path dir = Files.createTempDirectory("cluster-cost");
        Database database = Database.open(dir);
        try {
            VehicleStates states = new VehicleStates();
            FleetLogic rules = FleetRules.standard(FleetSettings.defaults(), states);
            IngestPipeline pipeline = new IngestPipeline(
                    database,
                    states,
                    new Discard(),
                    new TrackerMetrics(states::size),
                    IngestSettings.defaults(),
                    OwnTracksMapping.empty(),
                    rules,
                    CommandAckHandler.NONE,
                    Clock.systemUTC(),
                    turns.get());
            long start = 0;
            for (int batch = 0; batch < BATCHES; batch++) {
                if (batch == BATCHES / 4) {
                    start = THREADS.getCurrentThreadCpuTime();
                }
                pipeline.process(batch(batch));
            }
            return Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - start).toMillis();
        } finally {
            database.close();
        }
    }

    private static List<InboundMessage> batch(int batch) {
        List<InboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < BATCH_VEHICLES; i++) {
            String vehicleId = "v" + ((batch * BATCH_VEHICLES + i) % VEHICLES);
            long seq = batch + 1;
            Telemetry fix = Fixes.fix(vehicleId, seq, Fixes.START.plusSeconds(seq), 52.5 + seq * 1e-5, 13.4);
            messages.add(new InboundMessage(
                    Topics.telemetry("bench", vehicleId), TelemetryCodec.encode(fix), i, 1, 1, fix.fixTime()));
        }
        return messages;
    }

    /** Compares reading the rows of one batch's vehicles with reading every row, as after a global reset. */
    private static void measureReloads() throws Exception {
        Path dir = Files.createTempDirectory("cluster-reload");
        Database database = Database.open(dir);
        try (Connection connection = database.connection()) {
            List<String> all = fillConditionsAndOdometers(connection);
            List<String> batchVehicles = all.subList(0, BATCH_VEHICLES);
            VehicleSetReads reads = new VehicleSetReads();
            ConditionStore conditions = new ConditionStore();
            OdometerStore odometers = new OdometerStore();
            String[] names = {"offline", "stale", "overspeed", "idle", "panic"};
            for (int round = 1; round <= ROUNDS; round++) {
                long start = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < 20; i++) {
                    for (String name : names) {
                        reads.conditions(connection, name, batchVehicles);
                    }
                    reads.odometers(connection, batchVehicles);
                }
                long perVehicleMicros = (THREADS.getCurrentThreadCpuTime() - start) / 20 / 1_000;
                start = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < 20; i++) {
                    for (String name : names) {
                        conditions.findAll(connection, name);
                    }
                    odometers.findAll(connection);
                }
                long globalMicros = (THREADS.getCurrentThreadCpuTime() - start) / 20 / 1_000;
                log.info(
                        "round {}: CPU time of reloading {} vehicles {} us, of reloading all {} vehicles {} us",
                        round,
                        BATCH_VEHICLES,
                        perVehicleMicros,
                        FLEET_ROWS,
                        globalMicros);
            }
        } finally {
            database.close();
        }
    }

    private static List<String> fillConditionsAndOdometers(Connection connection) throws SQLException {
        List<String> vehicleIds = new ArrayList<>();
        List<OdometerStore.Odometer> rows = new ArrayList<>();
        ConditionStore conditions = new ConditionStore();
        for (int i = 0; i < FLEET_ROWS; i++) {
            String vehicleId = "v" + i;
            vehicleIds.add(vehicleId);
            rows.add(new OdometerStore.Odometer(vehicleId, "bench", i, 52.5, 13.4, Fixes.START));
            for (String name : List.of("offline", "overspeed")) {
                conditions.save(connection, new VehicleCondition(vehicleId, name, "bench", Fixes.START, true, null));
            }
        }
        new OdometerStore().saveAll(connection, rows);
        return vehicleIds;
    }

    /** Drops what the pipeline publishes. */
    private static final class Discard implements MqttOutbound {
        @Override
        public void publish(String topic, byte[] payload, boolean retained) {}

        @Override
        public void acknowledge(InboundMessage message) {}
    }
}
