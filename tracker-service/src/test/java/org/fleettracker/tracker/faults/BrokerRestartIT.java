package org.fleettracker.tracker.faults;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.testing.FaultReport;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerProcess;
import org.fleettracker.tracker.testing.VehicleBurst;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker stops in the middle of a burst and starts again on the same port and data. The tracker reconnects,
 * resubscribes and goes on, and the vehicles reconnect and resend what was not acknowledged. Every acknowledged fix
 * is stored exactly once.
 */
@Timeout(150)
class BrokerRestartIT {

    private static final Logger log = LoggerFactory.getLogger(BrokerRestartIT.class);

    private static final int VEHICLES = 10;
    private static final int FIXES_PER_VEHICLE = 500;
    private static final long HOLD_BEFORE_SEQ = FIXES_PER_VEHICLE / 2 + 1;
    private static final String PREFIX = "brokerdown";

    @TempDir
    Path folder;

    private Path usersFile;
    private @Nullable EmbeddedBroker broker;

    private boolean topicAliases;

    @BeforeEach
    void writeUsers() throws Exception {
        usersFile = TestUsers.write(folder);
    }

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** With topic aliases on, the tracker's state publishes in flight at the stop make it replace its Paho client. */
    @ParameterizedTest(name = "topic aliases {0}")
    @ValueSource(booleans = {false, true})
    void broker_restart_mid_burst_loses_nothing_acknowledged(boolean topicAliases) throws Exception {
        this.topicAliases = topicAliases;
        broker = startBroker(0);
        Path dataDir = folder.resolve("data");
        List<String> options = List.of("--broker-url", broker.serverUri(), "--data-dir", dataDir.toString());
        Instant firstFixTime = Instant.now().minus(Duration.ofHours(1));
        try (TrackerProcess tracker =
                        TrackerProcess.start(folder, "tracker", options).awaitHealthy(Duration.ofSeconds(60));
                VehicleBurst burst = VehicleBurst.startHeld(
                        broker.serverUri(), PREFIX, VEHICLES, FIXES_PER_VEHICLE, firstFixTime, true, HOLD_BEFORE_SEQ)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> tracker.metric("tracker_positions_stored_total") >= 500);
            burst.release();
            // Stop the broker while the vehicles are still sending.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> burst.sent() >= VEHICLES * FIXES_PER_VEHICLE * 6 / 10);

            int port = broker.port();
            broker.close();
            log.info(
                    "Stopped the broker with {} fixes sent and {} acknowledged",
                    burst.sent(),
                    burst.acknowledged().size());
            await().atMost(Duration.ofSeconds(20)).until(() -> tracker.healthStatus() == 503);
            broker = startBroker(port);

            tracker.awaitHealthy(Duration.ofSeconds(60));
            burst.awaitDone(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> tracker.metric("tracker_positions_stored_total")
                            >= burst.acknowledged().size());
            log.info("Vehicles made {} publish attempts, {} failed", burst.attempts(), burst.failedAttempts());
            assertThat(tracker.logLines("reconnected to")).isNotEmpty();
            log.info(
                    "The tracker replaced its MQTT client {} times",
                    tracker.logLines("replacing the MQTT client").size());
            tracker.stop();
            String name = topicAliases ? "broker-restart-topic-aliases" : "broker-restart";
            FaultReport.check(name, burst, Database.jdbcUrl(dataDir), PREFIX);
        }
    }

    private EmbeddedBroker startBroker(int port) {
        return EmbeddedBroker.builder()
                .port(port)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(usersFile))
                .topicAliases(topicAliases)
                .build()
                .start(Duration.ofSeconds(60));
    }
}
