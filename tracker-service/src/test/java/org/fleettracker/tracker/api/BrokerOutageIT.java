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

/** The tracker reports a lost broker in its health and reconnects when the broker is back. */
@Timeout(180)
class BrokerOutageIT {

    @TempDir
    Path folder;

    private EmbeddedBroker broker;
    private Tracker tracker;
    private TrackerSettings settings;

    @BeforeEach
    void startBrokerAndTracker() throws Exception {
        settings = TrackerHarness.settings(folder).build();
        broker = startBroker(0);
        settings = settings.toBuilder().brokerUrl(broker.serverUri()).build();
        tracker = Tracker.start(settings);
    }

    @AfterEach
    void stopAll() {
        tracker.close();
        broker.close();
    }

    @Test
    void broker_outage_turns_health_down_until_reconnect() throws Exception {
        String vehicleId = "outage-v1";
        List<Telemetry> fixes = Fixes.track(vehicleId, 1, 2);
        int port = broker.port();

        broker.close();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> TrackerHarness.get(tracker, "/health").statusCode() == 503);
        assertThat(TrackerHarness.get(tracker, "/health").body()).contains("\"subscription\":\"DOWN\"");

        broker = startBroker(port);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TrackerHarness.get(tracker, "/health").statusCode() == 200);
        try (MqttTestClient vehicle = MqttTestClient.vehicle(broker.serverUri(), vehicleId)) {
            for (Telemetry fix : fixes) {
                vehicle.publishFix(TestUsers.FLEET, fix);
            }
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TrackerHarness.metric(tracker, "tracker_positions_stored_total") == fixes.size());
    }

    private EmbeddedBroker startBroker(int port) {
        return EmbeddedBroker.builder()
                .port(port)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(settings.usersFile()))
                .build()
                .start(Duration.ofSeconds(60));
    }
}
