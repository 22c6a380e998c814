package org.fleettracker.tracker.faults;

import org.fleettracker.tracker.testing.ExternalBroker;
import org.fleettracker.tracker.testing.FaultReport;
import org.fleettracker.tracker.testing.TrackerProcess;
import org.fleettracker.tracker.testing.VehicleBurst;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two tracker processes on one external broker and one H2 database in server mode, splitting the telemetry through
 * the shared subscription {@code $share/trackers/...}. One of them is killed with SIGKILL while the vehicles
 * publish, and the other goes on. Then the killed one is started again with its client id, as a supervisor would.
 * Every fix the broker acknowledged to a vehicle must end up stored exactly once.
 *
 * <p>Between the kill and the restart the test measures how many acknowledged fixes the surviving tracker did not
 * get: those the broker kept in the killed member's session. It logs them in a line
 * {@code SHARED-KILL <broker>: ...} and checks what each broker was seen to do. HiveMQ CE 2025.5 hands the killed
 * member's unacknowledged messages to the survivor at once. Mosquitto 2.0.11 keeps them, and goes on queueing the
 * killed member's round-robin share, in its session until the same client id connects again; when the session
 * expires first, it drops them.
 */
@Timeout(150)
class SharedSubscriptionKillIT {

    private static final Logger log = LoggerFactory.getLogger(SharedSubscriptionKillIT.class);

    private static final int VEHICLES = 10;
    private static final int FIXES_PER_VEHICLE = 400;
    private static final int TOTAL = VEHICLES * FIXES_PER_VEHICLE;
    private static final long HOLD_BEFORE_SEQ = FIXES_PER_VEHICLE / 2 + 1;
    private static final String PREFIX = "share";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(5);

    @TempDir
    Path folder;

    private Server database;
    private String dbUrl;

    @BeforeEach
    void startDatabase() throws SQLException {
        int port = TrackerProcess.freePort();
        database = Server.createTcpServer(
                        "-tcpPort",
                        Integer.toString(port),
                        "-baseDir",
                        folder.resolve("h2").toString(),
                        "-ifNotExists")
                .start();
        dbUrl = "jdbc:h2:tcp://127.0.0.1:" + port + "/tracker";
    }

    @AfterEach
    void stopDatabase() {
        database.stop();
    }

    @ParameterizedTest
    @EnumSource(ExternalBroker.Kind.class)
    void sigkill_of_one_shared_tracker_loses_nothing(ExternalBroker.Kind kind) throws Exception {
        List<String> vehicleIds = IntStream.rangeClosed(1, VEHICLES)
                .mapToObj(n -> PREFIX + "-" + n)
                .toList();
        try (ExternalBroker broker = kind.start(folder, vehicleIds);
                TrackerProcess first = startTracker(broker, "tracker-a", "tracker-a");
                TrackerProcess second = startTracker(broker, "tracker-b", "tracker-b");
                VehicleBurst burst = VehicleBurst.startHeld(
                        broker.serverUri(),
                        PREFIX,
                        VEHICLES,
                        FIXES_PER_VEHICLE,
                        Instant.now().minus(Duration.ofHours(1)),
                        false,
                        HOLD_BEFORE_SEQ,
                        broker::vehicleUsername)) {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> stored() >= TOTAL / 10);
            burst.release();
            await().atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> burst.sent() >= TOTAL * 6 / 10);
            // HiveMQ CE can give a steady stream to one member alone, so the one that stored more is killed.
            boolean firstIsBusier =
                    first.metric("tracker_positions_stored_total") >= second.metric("tracker_positions_stored_total");
            TrackerProcess victim = firstIsBusier ? first : second;
            TrackerProcess survivor = firstIsBusier ? second : first;
            String victimClientId = firstIsBusier ? "tracker-a" : "tracker-b";
            double storedByVictim = victim.metric("tracker_positions_stored_total");
            double storedBySurvivorAtKill = survivor.metric("tracker_positions_stored_total");
            victim.kill();
            long storedAtKill = stored();

            burst.awaitDone(Duration.ofSeconds(60));
            long storedWithoutVictim = awaitQuiet(burst.acknowledged().size());
            double storedBySurvivor = survivor.metric("tracker_positions_stored_total");
            log.info(
                    "SHARED-KILL {}: acknowledged={} stored-at-kill={} stored-before-restart={}"
                            + " held-for-killed-member={}; before the kill the killed member stored {} and the"
                            + " survivor {}, the survivor {} in all",
                    broker,
                    burst.acknowledged().size(),
                    storedAtKill,
                    storedWithoutVictim,
                    burst.acknowledged().size() - storedWithoutVictim,
                    (long) storedByVictim,
                    (long) storedBySurvivorAtKill,
                    (long) storedBySurvivor);

            try (TrackerProcess restarted = startTracker(broker, victimClientId, victimClientId + "-restarted")) {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> stored() >= burst.acknowledged().size());
                restarted.stop();
            }
            survivor.stop();
            FaultReport.check("shared-subscription-sigkill-" + kind, burst, dbUrl, PREFIX);
            assertThat(storedByVictim)
                    .as("fixes the killed tracker stored before the kill")
                    .isPositive();
            assertThat(storedBySurvivor - storedBySurvivorAtKill)
                    .as("fixes the surviving tracker stored after the kill")
                    .isPositive();
            long heldForVictim = burst.acknowledged().size() - storedWithoutVictim;
            if (kind == ExternalBroker.Kind.HIVEMQ_CE) {
                assertThat(heldForVictim)
                        .as("fixes HiveMQ CE kept for the killed member")
                        .isZero();
            } else {
                assertThat(heldForVictim)
                        .as("fixes Mosquitto kept for the killed member")
                        .isPositive();
            }
        }
    }

    private TrackerProcess startTracker(ExternalBroker broker, String clientId, String name) throws IOException {
        List<String> options = List.of(
                "--broker-url",
                broker.serverUri(),
                "--mqtt-client-id",
                clientId,
                "--db-url",
                dbUrl,
                "--data-dir",
                folder.resolve(name).toString());
        return TrackerProcess.start(folder, name, options).awaitHealthy(START_TIMEOUT);
    }

    /**
     * Waits until the database contains {@code expected} positions of the burst, or until their count has not grown for
     * {@link #QUIET}; returns the count.
     */
    private long awaitQuiet(long expected) {
        long[] last = {-1, System.nanoTime()};
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    long now = stored();
                    if (now != last[0]) {
                        last[0] = now;
                        last[1] = System.nanoTime();
                    }
                    return now >= expected || System.nanoTime() - last[1] >= QUIET.toNanos();
                });
        return last[0];
    }

    /** Counts the stored positions of the burst's vehicles. */
    private long stored() throws SQLException {
        try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM positions WHERE vehicle_id LIKE '" + PREFIX + "-%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
