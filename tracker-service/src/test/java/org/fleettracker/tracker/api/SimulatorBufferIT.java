package org.fleettracker.tracker.api;

import org.fleettracker.simulator.api.BufferOverflow;
import org.fleettracker.simulator.api.BufferSettings;
import org.fleettracker.simulator.api.Simulator;
import org.fleettracker.simulator.api.SimulatorSettings;
import org.fleettracker.simulator.api.SimulatorSummary;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulator run that could not reach the broker leaves its fixes in a buffer directory, and the next run delivers
 * them. The tracker must store each of them and each new fix once, so no new seq may repeat a restored one.
 */
@Timeout(180)
class SimulatorBufferIT {

    private static final String VEHICLE_PREFIX = "buffered-";

    @TempDir
    Path folder;

    @TempDir
    Path bufferDir;

    @Test
    void restored_and_new_fixes_are_all_stored() throws Exception {
        SimulatorSummary offline = run(closedPortUrl());
        assertThat(offline.published()).isZero();
        assertThat(offline.bufferedNow()).isPositive();

        TrackerSettings settings = TrackerHarness.settings(folder).build();
        SimulatorSummary online;
        try (Tracker tracker = Tracker.start(settings)) {
            online = run(tracker.mqttServerUri());
        }

        assertThat(online.allDelivered()).isTrue();
        assertThat(online.restoredFromDisk()).isEqualTo(offline.bufferedNow());
        assertThat(online.acknowledged()).isGreaterThan(offline.bufferedNow());
        String vehicles = " WHERE vehicle_id LIKE '" + VEHICLE_PREFIX + "%'";
        assertThat(TrackerHarness.count(settings.dataDir(), "SELECT COUNT(*) FROM positions" + vehicles))
                .isEqualTo(online.acknowledged());
        assertThat(TrackerHarness.count(settings.dataDir(), "SELECT COUNT(*) FROM rejects" + vehicles))
                .isZero();
    }

    private SimulatorSummary run(String brokerUrl) {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(brokerUrl)
                .username(TestUsers.DEMO_VEHICLES)
                .password(TestUsers.VEHICLE_PASSWORD)
                .fleetId(TestUsers.FLEET)
                .vehicleCount(2)
                .vehicleIdPrefix(VEHICLE_PREFIX)
                .interval(Duration.ofMillis(200))
                .duration(Duration.ofSeconds(2))
                .closeTimeout(Duration.ofSeconds(2))
                .reconnectDelays(Duration.ofMillis(100), Duration.ofMillis(500), 0.2)
                .seed(5)
                .commands(false)
                .buffer(new BufferSettings(bufferDir, BufferOverflow.DROP_OLDEST, Duration.ofMillis(50)))
                .build();
        try (Simulator simulator = Simulator.start(settings)) {
            assertThat(simulator.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            return simulator.summary();
        }
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
