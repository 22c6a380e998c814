package org.fleettracker.tracker.internal.cluster;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.testing.ClusterScenario;
import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.TestDatabase;
import org.junit.jupiter.api.Timeout;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two tracker instances that commit batches of overlapping vehicles at the same time. */
@Timeout(120)
class ConcurrentBatchesTest {

    private static final int VEHICLES = 30;
    private static final int VEHICLES_PER_BATCH = 20;
    private static final int BATCHES = 150;

    @DatabaseTest
    void overlapping_batches_and_ticks_finish_without_deadlock(TestDatabase db) throws Exception {
        try (ClusterScenario cluster =
                new ClusterScenario(db::open, FleetSettings.defaults(), Fixes.START, 2, List.of())) {
            cluster.clock().set(Fixes.START.plusSeconds(2L * BATCHES + 10));
            ExecutorService executor = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> first = executor.submit(() -> run(cluster.instance(0), 0));
                Future<Integer> second = executor.submit(() -> run(cluster.instance(1), 1));

                assertThat(first.get(100, TimeUnit.SECONDS))
                        .as("failed attempts of instance a")
                        .isZero();
                assertThat(second.get(100, TimeUnit.SECONDS))
                        .as("failed attempts of instance b")
                        .isZero();
            } finally {
                executor.shutdownNow();
            }

            long stored = 0;
            for (int v = 0; v < VEHICLES; v++) {
                stored += cluster.count("SELECT COUNT(*) FROM positions WHERE vehicle_id = ?", vehicleId(v));
            }
            assertThat(stored).isEqualTo(2L * BATCHES * VEHICLES_PER_BATCH);
            assertThat(cluster.count("SELECT COUNT(*) FROM vehicle_versions WHERE instance_id <> ?", ""))
                    .isEqualTo(VEHICLES);
        }
    }

    /**
     * Sends {@link #BATCHES} batches, each of {@link #VEHICLES_PER_BATCH} vehicles in a random order, and ticks after
     * every tenth; retries a failed batch as the ingest loop would.
     *
     * @return how many attempts failed
     */
    private static int run(ClusterScenario.Instance instance, int index) throws SQLException {
        Random random = new Random(index);
        List<String> vehicles = new ArrayList<>();
        for (int v = 0; v < VEHICLES; v++) {
            vehicles.add(vehicleId(v));
        }
        int failures = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            Collections.shuffle(vehicles, random);
            long seq = 2L * batch + index + 1;
            List<Telemetry> fixes = new ArrayList<>();
            for (String vehicleId : vehicles.subList(0, VEHICLES_PER_BATCH)) {
                fixes.add(Fixes.fix(vehicleId, seq, Fixes.START.plusSeconds(seq), 52.5 + seq * 1e-5, 13.4));
            }
            while (true) {
                try {
                    instance.send(fixes);
                    break;
                } catch (SQLException e) {
                    failures++;
                    if (failures > 20) {
                        throw e;
                    }
                }
            }
            if (batch % 10 == 9) {
                instance.tick();
            }
        }
        return failures;
    }

    private static String vehicleId(int index) {
        return "v" + index;
    }
}
