package org.fleettracker.tracker.api;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Messages that arrive close together are committed in shared batches, and the stream never stalls. */
@Timeout(120)
class BatchingIT {

    private static final int FIXES = 300;

    @TempDir
    Path folder;

    @Test
    void burst_of_fixes_is_committed_in_few_batches() throws Exception {
        TrackerSettings settings = TrackerHarness.settings(folder)
                .batchMaxSize(100)
                .batchMaxDelayMs(2_000)
                .batchLingerMs(200)
                .build();
        List<Telemetry> fixes = Fixes.track("batch-v1", 1, FIXES);
        try (Tracker tracker = Tracker.start(settings);
                MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), "batch-v1")) {
            for (Telemetry fix : fixes) {
                vehicle.publishFix(TestUsers.FLEET, fix);
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> TrackerHarness.metric(tracker, "tracker_positions_stored_total") == FIXES);
            double commits = TrackerHarness.metric(tracker, "tracker_batch_commit_seconds_count");
            assertThat(commits).isGreaterThanOrEqualTo(FIXES / 100.0).isLessThan(FIXES / 10.0);
        }
    }
}
