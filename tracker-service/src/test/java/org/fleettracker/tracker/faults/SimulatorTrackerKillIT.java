package org.fleettracker.tracker.faults;

import org.fleettracker.simulator.api.Simulator;
import org.fleettracker.simulator.api.SimulatorSettings;
import org.fleettracker.simulator.api.SimulatorSummary;
import org.fleettracker.tracker.testing.ExternalBroker;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerProcess;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The device simulator publishes to an external broker, and two tracker processes share its telemetry. One tracker is
 * killed with SIGKILL mid-run and started again with its client id, as a supervisor would. Every fix that the broker
 * acknowledged to the simulator must be stored exactly once.
 */
@Timeout(180)
class SimulatorTrackerKillIT {

    private static final int VEHICLES = 5;
    private static final String PREFIX = "simkill-";
    private static final Duration RUN = Duration.ofSeconds(12);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    private Server database;
    private String dbUrl;

    @BeforeEach
    void startDatabase() throws SQLException {
        database = Server.createTcpServer(
                        "-tcpPort",
                        Integer.toString(TrackerProcess.freePort()),
                        "-baseDir",
                        folder.resolve("h2").toString(),
                        "-ifNotExists")
                .start();
        dbUrl = "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/tracker";
    }

    @AfterEach
    void stopDatabase() {
        database.stop();
    }

    @ParameterizedTest
    @EnumSource(ExternalBroker.Kind.class)
    void sigkill_of_one_tracker_loses_no_simulated_fix(ExternalBroker.Kind kind) throws Exception {
        List<String> vehicleIds = IntStream.rangeClosed(1, VEHICLES)
                .mapToObj(n -> String.format(Locale.ROOT, "%s%03d", PREFIX, n))
                .toList();
        try (ExternalBroker broker = kind.start(folder, vehicleIds);
                TrackerProcess first = startTracker(broker, "tracker-a", "tracker-a");
                TrackerProcess second = startTracker(broker, "tracker-b", "tracker-b");
                Simulator simulator = Simulator.start(simulatorSettings(broker))) {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> stored() >= 40);
            boolean firstIsBusier =
                    first.metric("tracker_positions_stored_total") >= second.metric("tracker_positions_stored_total");
            TrackerProcess victim = firstIsBusier ? first : second;
            String victimClientId = firstIsBusier ? "tracker-a" : "tracker-b";
            victim.kill();

            assertThat(simulator.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            SimulatorSummary summary = simulator.summary();
            assertThat(summary.failedVehicles())
                    .as("vehicles the broker refused")
                    .isZero();
            assertThat(summary.allDelivered()).as("every fix acknowledged").isTrue();
            long acknowledged = summary.acknowledged();
            // Mosquitto keeps the killed member's share until the same client id connects again.
            try (TrackerProcess restarted = startTracker(broker, victimClientId, victimClientId + "-restarted")) {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> stored() >= acknowledged);
                restarted.stop();
            }

            assertThat(acknowledged).isGreaterThanOrEqualTo(VEHICLES * 40L);
            assertThat(stored()).isEqualTo(acknowledged);
            assertThat(query("SELECT COUNT(*) FROM (SELECT DISTINCT vehicle_id, seq FROM positions"
                            + " WHERE vehicle_id LIKE '" + PREFIX + "%')"))
                    .isEqualTo(acknowledged);
        }
    }

    private SimulatorSettings simulatorSettings(ExternalBroker broker) {
        return SimulatorSettings.builder()
                .brokerUrl(broker.serverUri())
                .username(broker.simulatorUsername())
                .password(TestUsers.VEHICLE_PASSWORD)
                .fleetId(TestUsers.FLEET)
                .vehicleIdPrefix(PREFIX)
                .vehicleCount(VEHICLES)
                .interval(Duration.ofMillis(100))
                .duration(RUN)
                .seed(11)
                .build();
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

    private long stored() throws SQLException {
        return query("SELECT COUNT(*) FROM positions WHERE vehicle_id LIKE '" + PREFIX + "%'");
    }

    private long query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
