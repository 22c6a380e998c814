package org.fleettracker.tracker.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tracker acknowledges a QoS 1 message only after its batch is committed, so a message whose commit failed,
 * or that arrived while the tracker was down, is redelivered by the broker and stored after a restart.
 *
 * <p>The broker runs outside the tracker here, so it keeps the tracker's session while the tracker restarts.
 */
@Timeout(180)
class AckAfterCommitIT {

    @TempDir
    Path folder;

    private EmbeddedBroker broker;
    private TrackerSettings settings;

    @BeforeEach
    void startBroker() throws Exception {
        settings = TrackerHarness.settings(folder).dbRetryDelayMs(200).build();
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(settings.usersFile()))
                .build()
                .start(Duration.ofSeconds(60));
        settings = settings.toBuilder().brokerUrl(broker.serverUri()).build();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void fix_whose_commit_failed_is_stored_after_restart() throws Exception {
        String vehicleId = "ack-v1";
        List<Telemetry> fixes = Fixes.track(vehicleId, 1, 2);
        Tracker first = Tracker.start(settings);
        try (MqttTestClient vehicle = MqttTestClient.vehicle(broker.serverUri(), vehicleId)) {
            vehicle.publishFix(TestUsers.FLEET, fixes.get(0));
            await().atMost(Duration.ofSeconds(20)).until(() -> countPositions(vehicleId) == 1);
            TrackerHarness.execute(settings.dataDir(), "ALTER TABLE positions RENAME TO positions_hidden");

            vehicle.publishFix(TestUsers.FLEET, fixes.get(1));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> TrackerHarness.metric(first, "tracker_batch_failures_total") >= 1);
        } finally {
            first.close();
        }
        TrackerHarness.execute(settings.dataDir(), "ALTER TABLE positions_hidden RENAME TO positions");
        assertThat(countPositions(vehicleId)).isEqualTo(1);

        try (Tracker second = Tracker.start(settings)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> countPositions(vehicleId) == 2);

            assertThat(TrackerHarness.metric(second, "tracker_positions_stored_total"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void fixes_sent_while_down_stored_after_restart() throws Exception {
        String vehicleId = "ack-v2";
        List<Telemetry> fixes = Fixes.track(vehicleId, 1, 20);
        Tracker.start(settings).close();

        try (MqttTestClient vehicle = MqttTestClient.vehicle(broker.serverUri(), vehicleId)) {
            for (Telemetry fix : fixes) {
                vehicle.publishFix(TestUsers.FLEET, fix);
            }
        }

        try (Tracker restarted = Tracker.start(settings)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> countPositions(vehicleId) == fixes.size());

            assertThat(TrackerHarness.metric(restarted, "tracker_positions_duplicates_total{kind=\"seq\"}"))
                    .isZero();
        }
    }

    private long countPositions(String vehicleId) throws Exception {
        return TrackerHarness.count(
                settings.dataDir(), "SELECT COUNT(*) FROM positions WHERE vehicle_id = '" + vehicleId + "'");
    }
}
