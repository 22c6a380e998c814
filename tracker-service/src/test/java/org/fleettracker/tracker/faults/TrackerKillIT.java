package org.fleettracker.tracker.faults;

import org.awaitility.core.ConditionTimeoutException;
import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.testing.FaultReport;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.fleettracker.tracker.testing.TrackerProcess;
import org.fleettracker.tracker.testing.VehicleBurst;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * SIGKILL of the tracker in the middle of a burst: after a restart on the same data, every fix the broker
 * acknowledged is stored exactly once. The broker runs in the test JVM, so it survives the kill.
 */
@Timeout(150)
class TrackerKillIT {

    private static final Logger log = LoggerFactory.getLogger(TrackerKillIT.class);

    private static final int VEHICLES = 20;
    private static final int FIXES_PER_VEHICLE = 500;
    private static final long HOLD_BEFORE_SEQ = FIXES_PER_VEHICLE / 2 + 1;
    private static final String PREFIX = "kill";

    @TempDir
    Path folder;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(TestUsers.write(folder.resolve("broker-users"))))
                .build()
                .start(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void sigkill_with_external_broker_loses_nothing() throws Exception {
        Path dataDir = folder.resolve("data");
        List<String> options = List.of("--broker-url", broker.serverUri(), "--data-dir", dataDir.toString());
        int total = VEHICLES * FIXES_PER_VEHICLE;
        try (TrackerProcess first =
                        TrackerProcess.start(folder, "tracker-1", options).awaitHealthy(timeout());
                VehicleBurst burst = startHeldBurst(broker.serverUri(), false)) {
            killMidBurst(first, burst);
            long storedAtKill = TrackerHarness.count(dataDir, "SELECT COUNT(*) FROM positions");
            log.info("Killed the tracker with {} of {} fixes stored, {} sent", storedAtKill, total, burst.sent());

            try (TrackerProcess second = TrackerProcess.start(folder, "tracker-2", options)) {
                second.awaitHealthy(timeout());
                burst.awaitDone(Duration.ofSeconds(60));
                awaitStored(second, storedAtKill, burst.acknowledged().size());
                log.info(
                        "The restarted tracker stored {} fixes and skipped {} redelivered ones it had committed"
                                + " before the kill",
                        (long) second.metric("tracker_positions_stored_total"),
                        (long) second.metric("tracker_positions_duplicates_total"));
                second.stop();
            }
            FaultReport.check("tracker-sigkill", burst, Database.jdbcUrl(dataDir), PREFIX);
        }
    }

    @Test
    void sigkill_with_embedded_broker_loses_nothing() throws Exception {
        Path dataDir = folder.resolve("embedded-data");
        int mqttPort = TrackerProcess.freePort();
        List<String> options = List.of(
                "--mqtt-port",
                Integer.toString(mqttPort),
                "--users-file",
                TestUsers.write(folder).toString(),
                "--data-dir",
                dataDir.toString());
        int total = VEHICLES * FIXES_PER_VEHICLE;
        try (TrackerProcess first =
                        TrackerProcess.start(folder, "embedded-1", options).awaitHealthy(timeout());
                VehicleBurst burst = startHeldBurst("tcp://127.0.0.1:" + mqttPort, true)) {
            killMidBurst(first, burst);
            long storedAtKill = TrackerHarness.count(dataDir, "SELECT COUNT(*) FROM positions");
            log.info(
                    "Killed the tracker and its broker with {} of {} fixes stored, {} sent, {} acknowledged",
                    storedAtKill,
                    total,
                    burst.sent(),
                    burst.acknowledged().size());

            try (TrackerProcess second = TrackerProcess.start(folder, "embedded-2", options)) {
                second.awaitHealthy(timeout());
                burst.awaitDone(Duration.ofSeconds(90));
                awaitStored(second, storedAtKill, burst.acknowledged().size());
                second.stop();
            }
            FaultReport.check("tracker-sigkill-embedded-broker", burst, Database.jdbcUrl(dataDir), PREFIX);
        }
    }

    /** Starts the vehicles; each one waits before its fix {@link #HOLD_BEFORE_SEQ} until {@link #killMidBurst}. */
    private static VehicleBurst startHeldBurst(String serverUri, boolean resend) {
        return VehicleBurst.startHeld(
                serverUri,
                PREFIX,
                VEHICLES,
                FIXES_PER_VEHICLE,
                Instant.now().minus(Duration.ofHours(1)),
                resend,
                HOLD_BEFORE_SEQ);
    }

    /**
     * Kills the tracker while the vehicles are still sending, so that fixes arrive before, during and after the
     * kill: after a tenth of the fixes is stored, the vehicles go on, and the kill comes at 60% of them sent.
     */
    private static void killMidBurst(TrackerProcess tracker, VehicleBurst burst) throws InterruptedException {
        int total = VEHICLES * FIXES_PER_VEHICLE;
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> tracker.metric("tracker_positions_stored_total") >= total / 10.0);
        burst.release();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> burst.sent() >= total * 6 / 10);
        tracker.kill();
    }

    /** Waits until the restarted tracker has stored the rest; on a timeout the report shows what is missing. */
    private static void awaitStored(TrackerProcess tracker, long storedBefore, int acknowledged) {
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> storedBefore + tracker.metric("tracker_positions_stored_total") >= acknowledged);
        } catch (ConditionTimeoutException e) {
            log.warn("The restarted tracker did not store all {} acknowledged fixes in time", acknowledged);
        }
    }

    private static Duration timeout() {
        return Duration.ofSeconds(60);
    }
}
