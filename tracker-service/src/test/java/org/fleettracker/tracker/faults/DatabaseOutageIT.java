package org.fleettracker.tracker.faults;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.tracker.testing.FaultReport;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerProcess;
import org.fleettracker.tracker.testing.VehicleBurst;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tracker's H2 server goes away, or a session locks the database, in the middle of a burst. The tracker then stops
 * acknowledging and the broker keeps the messages. Once the database is back, the tracker stores every acknowledged
 * fix exactly once.
 */
@Timeout(150)
class DatabaseOutageIT {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageIT.class);

    private static final int VEHICLES = 10;
    private static final int FIXES_PER_VEHICLE = 400;
    /** The vehicles wait before this fix until the outage has begun, so that they publish during it. */
    private static final long HOLD_BEFORE_SEQ = FIXES_PER_VEHICLE / 2 + 1;

    private static final String PREFIX = "dbdown";

    /**
     * HiveMQ's counters: every packet the broker received, the PUBLISH packets among them, the PUBLISH packets it sent
     * to subscribers, and the connections closed (each vehicle's DISCONNECT is one received packet).
     */
    private static final String INCOMING_TOTAL = "com.hivemq.messages.incoming.total.count";

    private static final String INCOMING_PUBLISH = "com.hivemq.messages.incoming.publish.count";
    private static final String OUTGOING_PUBLISH = "com.hivemq.messages.outgoing.publish.count";
    private static final String CONNECTIONS_CLOSED = "com.hivemq.networking.connections-closed.total.count";

    /** The embedded broker sends at most this many unacknowledged QoS 1 messages to one client. */
    private static final int BROKER_INFLIGHT_WINDOW = EmbeddedBroker.DEFAULT_MAX_INFLIGHT_WINDOW;

    @TempDir
    Path folder;

    private EmbeddedBroker broker;
    private Server database;
    private int databasePort;

    @BeforeEach
    void startBrokerAndDatabase() throws Exception {
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(TestUsers.write(folder)))
                .build()
                .start(Duration.ofSeconds(60));
        databasePort = TrackerProcess.freePort();
        database = startDatabase();
    }

    @AfterEach
    void stopAll() {
        database.stop();
        broker.close();
    }

    @Test
    void database_outage_stops_acknowledgements_and_loses_nothing() throws Exception {
        String dbUrl = dbUrl();
        try (TrackerProcess tracker = startTracker(dbUrl);
                VehicleBurst burst = startHeldBurst()) {
            awaitStored(tracker, 300);

            // TODO: once in a verify run, H2's own assertion in MVStore.closeStore ("8 != 10") failed this stop.
            database.stop();
            Outage outage = Outage.begin(tracker, broker, burst);
            burst.release();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> tracker.metric("tracker_batch_failures_total") >= outage.failures + 5);
            burst.awaitDone(Duration.ofSeconds(60));
            outage.end(tracker, broker, burst);

            database = startDatabase();
            awaitStored(tracker, burst.acknowledged().size());
            tracker.stop();
            FaultReport.check("database-outage", burst, dbUrl, PREFIX);
            assertOneWarningAndOneRecoveryLine(tracker);
        }
    }

    @Test
    void exclusive_database_lock_stops_acknowledgements_and_loses_nothing() throws Exception {
        String dbUrl = dbUrl();
        try (TrackerProcess tracker = startTracker(dbUrl);
                VehicleBurst burst = startHeldBurst()) {
            awaitStored(tracker, 300);

            try (Connection lock = DriverManager.getConnection(dbUrl, "sa", "");
                    Statement statement = lock.createStatement()) {
                statement.execute("SET EXCLUSIVE 1");
                Outage outage = Outage.begin(tracker, broker, burst);
                burst.release();
                burst.awaitDone(Duration.ofSeconds(60));
                outage.end(tracker, broker, burst);
                statement.execute("SET EXCLUSIVE 0");
            }
            awaitStored(tracker, burst.acknowledged().size());
            tracker.stop();
            FaultReport.check("database-locked", burst, dbUrl, PREFIX);
        }
    }

    private VehicleBurst startHeldBurst() {
        return VehicleBurst.startHeld(
                broker.serverUri(), PREFIX, VEHICLES, FIXES_PER_VEHICLE, firstFixTime(), false, HOLD_BEFORE_SEQ);
    }

    private static void awaitStored(TrackerProcess tracker, int count) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> tracker.metric("tracker_positions_stored_total") >= count);
    }

    private String dbUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + databasePort + "/tracker";
    }

    private TrackerProcess startTracker(String dbUrl) throws IOException {
        Path config = Files.writeString(
                folder.resolve("tracker.properties"), "db-retry-delay-ms=100\ndb-retry-max-delay-ms=800\n");
        List<String> options = List.of(
                "--broker-url",
                broker.serverUri(),
                "--data-dir",
                folder.resolve("data").toString(),
                "--db-url",
                dbUrl,
                "--config",
                config.toString());
        return TrackerProcess.start(folder, "tracker", options).awaitHealthy(Duration.ofSeconds(60));
    }

    private static Instant firstFixTime() {
        return Instant.now().minus(Duration.ofHours(1));
    }

    private static void assertOneWarningAndOneRecoveryLine(TrackerProcess tracker) throws IOException {
        List<String> problems = new ArrayList<>(tracker.logLines(" WARN "));
        problems.addAll(tracker.logLines(" ERROR "));
        log.info("The tracker logged {} warnings and errors: {}", problems.size(), problems);
        assertThat(tracker.logLines("nothing is acknowledged until a commit succeeds"))
                .hasSize(1);
        assertThat(tracker.logLines("Committing works again after")).hasSize(1);
    }

    private Server startDatabase() throws SQLException {
        return Server.createTcpServer(
                        "-tcpPort",
                        Integer.toString(databasePort),
                        "-baseDir",
                        folder.resolve("h2").toString(),
                        "-ifNotExists")
                .start();
    }

    /** Counters at the start of the outage, compared with those at its end. */
    private record Outage(double stored, double received, long failures, long brokerAcks, long brokerSent, int acked) {

        static Outage begin(TrackerProcess tracker, EmbeddedBroker broker, VehicleBurst burst) throws Exception {
            return new Outage(
                    tracker.metric("tracker_positions_stored_total"),
                    tracker.metric("tracker_messages_received_total{kind=\"telemetry\"}"),
                    (long) tracker.metric("tracker_batch_failures_total"),
                    nonPublishPackets(broker),
                    broker.hiveMqCount(OUTGOING_PUBLISH),
                    burst.acknowledged().size());
        }

        /** Checks that while the database was down the vehicles went on, and the tracker acknowledged nothing. */
        void end(TrackerProcess tracker, EmbeddedBroker broker, VehicleBurst burst) throws Exception {
            double storedNow = tracker.metric("tracker_positions_stored_total");
            double receivedNow = tracker.metric("tracker_messages_received_total{kind=\"telemetry\"}");
            long acksDuring = nonPublishPackets(broker) - brokerAcks;
            long sentDuring = broker.hiveMqCount(OUTGOING_PUBLISH) - brokerSent;
            int vehicleAcksDuring = burst.acknowledged().size() - acked;
            log.info(
                    "During the database outage: vehicles acknowledged by the broker {}, messages the broker sent to"
                            + " the tracker {}, packets other than PUBLISH and DISCONNECT the broker received {},"
                            + " fixes stored {}",
                    vehicleAcksDuring,
                    sentDuring,
                    acksDuring,
                    storedNow - stored);
            assertThat(vehicleAcksDuring)
                    .as("fixes the broker took while the database was down")
                    .isPositive();
            assertThat(storedNow).as("fixes stored while the database was down").isEqualTo(stored);
            assertThat(acksDuring)
                    .as("PUBACKs (and other packets) the tracker sent")
                    .isZero();
            assertThat(sentDuring).as("messages the broker handed out").isLessThanOrEqualTo(BROKER_INFLIGHT_WINDOW);
            assertThat(receivedNow - received).isLessThanOrEqualTo(BROKER_INFLIGHT_WINDOW);
        }

        private static long nonPublishPackets(EmbeddedBroker broker) {
            return broker.hiveMqCount(INCOMING_TOTAL)
                    - broker.hiveMqCount(INCOMING_PUBLISH)
                    - broker.hiveMqCount(CONNECTIONS_CLOSED);
        }
    }
}
