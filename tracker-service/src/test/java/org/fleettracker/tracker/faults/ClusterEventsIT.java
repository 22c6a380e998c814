package org.fleettracker.tracker.faults;

import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.geofence.GeofenceRule;
import org.fleettracker.tracker.testing.ExternalBroker;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackBuilder;
import org.fleettracker.tracker.testing.TrackerProcess;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two tracker processes on one external broker and one H2 database in server mode, in cluster mode (on by default
 * with an external broker). Vehicles drive through a geofence while the shared subscription splits their fixes
 * between the trackers. Mosquitto deals them round-robin, so each tracker receives about every second fix of a vehicle.
 * Each crossing must raise one event, and each vehicle's retained state must end at its last fix. With
 * {@code cluster.enabled=false} the Mosquitto case fails: both trackers raise events of the same vehicle.
 */
@Timeout(150)
class ClusterEventsIT {

    private static final List<String> VEHICLES = List.of("cluster-1", "cluster-2", "cluster-3");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** The geofence spans latitudes 46.0520 to 46.0600, and the vehicles drive north through it along 14.5055. */
    private static final String GEOFENCES =
            """
            {"type": "FeatureCollection", "features": [{"type": "Feature",
              "geometry": {"type": "Polygon", "coordinates": [[[14.5000, 46.0520], [14.5110, 46.0520],
                [14.5110, 46.0600], [14.5000, 46.0600], [14.5000, 46.0520]]]},
              "properties": {"id": "old-town", "fleetId": "demo", "name": "Old town"}}]}
            """;

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
    void split_fixes_raise_each_geofence_event_once(ExternalBroker.Kind kind) throws Exception {
        Path geofences = Files.writeString(folder.resolve("geofences.geojson"), GEOFENCES, StandardCharsets.UTF_8);
        Instant start = Instant.now().minus(Duration.ofMinutes(20));
        Map<String, List<Telemetry>> tracks = new HashMap<>();
        for (String vehicleId : VEHICLES) {
            tracks.put(
                    vehicleId,
                    new TrackBuilder(vehicleId, start, 46.0480, 14.5055)
                            .interval(Duration.ofSeconds(5))
                            .driveTo(46.0640, 14.5055, 25)
                            .fixes());
        }
        int total = tracks.values().stream().mapToInt(List::size).sum();

        try (ExternalBroker broker = kind.start(folder, VEHICLES);
                TrackerProcess first = startTracker(broker, "tracker-a", geofences);
                TrackerProcess second = startTracker(broker, "tracker-b", geofences)) {
            for (String vehicleId : VEHICLES) {
                try (MqttTestClient vehicle = MqttTestClient.connect(
                        broker.serverUri(), vehicleId, broker.vehicleUsername(vehicleId), TestUsers.VEHICLE_PASSWORD)) {
                    for (Telemetry fix : tracks.get(vehicleId)) {
                        vehicle.publishFix(TestUsers.FLEET, fix);
                    }
                }
            }

            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> stored() == total);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> count(GeofenceRule.LEFT) >= VEHICLES.size());
            // A second event of the same crossing would come from the other tracker's batch, so give it time to show.
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> count(GeofenceRule.ENTERED) == VEHICLES.size()
                            && count(GeofenceRule.LEFT) == VEHICLES.size());

            for (String vehicleId : VEHICLES) {
                assertThat(countOf(GeofenceRule.ENTERED, vehicleId))
                        .as("entries of " + vehicleId)
                        .isEqualTo(1);
                assertThat(countOf(GeofenceRule.LEFT, vehicleId))
                        .as("exits of " + vehicleId)
                        .isEqualTo(1);
            }
            assertRetainedStatesEndAtLastFix(broker, tracks);
            if (kind == ExternalBroker.Kind.MOSQUITTO) {
                // Mosquitto deals the fixes round-robin, so both trackers really took turns on the same vehicles.
                assertThat(first.metric("tracker_positions_stored_total")).isPositive();
                assertThat(second.metric("tracker_positions_stored_total")).isPositive();
            }
        }
    }

    private void assertRetainedStatesEndAtLastFix(ExternalBroker broker, Map<String, List<Telemetry>> tracks)
            throws Exception {
        try (MqttTestClient viewer = MqttTestClient.connect(broker.serverUri(), "cluster-viewer", TestUsers.VIEWER)) {
            viewer.subscribe(Topics.fleetState(TestUsers.FLEET));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> viewer.received().stream()
                                    .filter(MqttTestClient.Received::retained)
                                    .count()
                            >= VEHICLES.size());
            for (MqttTestClient.Received message : viewer.received()) {
                VehicleState state = Json.decode(message.payload(), VehicleState.class);
                List<Telemetry> track = tracks.get(state.vehicleId());
                assertThat(state.seq())
                        .as("retained state seq of " + state.vehicleId())
                        .isEqualTo(track.get(track.size() - 1).seq());
            }
        }
    }

    private TrackerProcess startTracker(ExternalBroker broker, String clientId, Path geofences) throws IOException {
        List<String> options = List.of(
                "--broker-url",
                broker.serverUri(),
                "--mqtt-client-id",
                clientId,
                "--db-url",
                dbUrl,
                "--data-dir",
                folder.resolve(clientId).toString(),
                "--geofences-file",
                geofences.toString());
        return TrackerProcess.start(folder, clientId, options).awaitHealthy(START_TIMEOUT);
    }

    private long stored() throws SQLException {
        return query("SELECT COUNT(*) FROM positions WHERE vehicle_id LIKE 'cluster-%'");
    }

    private long count(String type) throws SQLException {
        return query("SELECT COUNT(*) FROM events WHERE type = ?", type);
    }

    private long countOf(String type, String vehicleId) throws SQLException {
        return query("SELECT COUNT(*) FROM events WHERE type = ? AND vehicle_id = ?", type, vehicleId);
    }

    private long query(String sql, String... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
