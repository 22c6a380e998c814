package org.fleettracker.tracker.api;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.simulator.api.Simulator;
import org.fleettracker.simulator.api.SimulatorSettings;
import org.fleettracker.simulator.api.SimulatorSummary;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.PositionStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.PositionAssertions;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The whole ingest path in one JVM: broker with the security extension, tracker, and the simulator replaying GPX. */
@Timeout(180)
class SimulatorReplayIT {

    private static final String VEHICLE = "replay-van-1";

    @TempDir
    Path folder;

    @Test
    void replayed_track_stored_once_in_order() throws Exception {
        Path gpx = copyFixture("delivery-drive.gpx");
        List<double[]> trackPoints = trackPoints(gpx);
        TrackerSettings settings = TrackerHarness.settings(folder).build();
        try (Tracker tracker = Tracker.start(settings)) {
            SimulatorSummary summary = replay(tracker, gpx);

            assertThat(summary.acknowledged()).isEqualTo(trackPoints.size());
            assertThat(summary.rejected()).isZero();
            assertThat(summary.droppedByOverflow()).isZero();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> storedPositions(settings.dataDir()).size() == trackPoints.size());
            List<StoredPosition> stored = storedPositions(settings.dataDir());
            stored.forEach(PositionAssertions::assertAcceptedPosition);
            assertStoredInFixTimeOrder(stored);
            assertCoordinatesMatch(stored, trackPoints);
            assertThat(stored).extracting(position -> position.fix().seq()).doesNotHaveDuplicates();
            assertRetainedStateEquals(tracker, stored.get(stored.size() - 1));
        }
    }

    @Test
    void client_without_credentials_is_rejected() throws Exception {
        try (Tracker tracker = Tracker.start(TrackerHarness.settings(folder).build())) {
            assertThatThrownBy(() -> MqttTestClient.connect(tracker.mqttServerUri(), "no-credentials", null)
                            .close())
                    .isInstanceOf(MqttException.class);
        }
    }

    private static SimulatorSummary replay(Tracker tracker, Path gpx) {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(tracker.mqttServerUri())
                .username(TestUsers.DEMO_VEHICLES)
                .password(TestUsers.VEHICLE_PASSWORD)
                .fleetId(TestUsers.FLEET)
                .replayFile(gpx)
                .replayVehicleId(VEHICLE)
                .speedup(20)
                .build();
        try (Simulator simulator = Simulator.start(settings)) {
            assertThat(simulator.awaitCompletion(Duration.ofSeconds(90)))
                    .as("replay finished with every fix acknowledged by the broker")
                    .isTrue();
            return simulator.summary();
        }
    }

    private static void assertStoredInFixTimeOrder(List<StoredPosition> stored) {
        for (int i = 1; i < stored.size(); i++) {
            assertThat(stored.get(i).fix().fixTime())
                    .as("fix %d comes after fix %d", i, i - 1)
                    .isAfter(stored.get(i - 1).fix().fixTime());
        }
    }

    private static void assertCoordinatesMatch(List<StoredPosition> stored, List<double[]> trackPoints) {
        for (int i = 0; i < trackPoints.size(); i++) {
            assertThat(stored.get(i).fix().latitudeDeg())
                    .as("latitude of point %d", i)
                    .isEqualTo(trackPoints.get(i)[0]);
            assertThat(stored.get(i).fix().longitudeDeg())
                    .as("longitude of point %d", i)
                    .isEqualTo(trackPoints.get(i)[1]);
        }
    }

    private static void assertRetainedStateEquals(Tracker tracker, StoredPosition last) throws MqttException {
        try (MqttTestClient viewer =
                MqttTestClient.connect(tracker.mqttServerUri(), "replay-viewer", TestUsers.VIEWER)) {
            viewer.subscribe(Topics.state(TestUsers.FLEET, VEHICLE));
            // The simulator published offline presence when it closed; the tracker folds it into the state.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !viewer.received().isEmpty()
                            && Boolean.FALSE.equals(latest(viewer).online()));

            VehicleState state = latest(viewer);
            assertThat(viewer.received().get(0).retained()).isTrue();
            assertThat(state.seq()).isEqualTo(last.fix().seq());
            assertThat(state.fixTime()).isEqualTo(last.fix().fixTime());
            assertThat(state.latitudeDeg()).isEqualTo(last.fix().latitudeDeg());
            assertThat(state.longitudeDeg()).isEqualTo(last.fix().longitudeDeg());
        }
    }

    private static VehicleState latest(MqttTestClient viewer) {
        List<MqttTestClient.Received> received = viewer.received();
        return Json.decode(received.get(received.size() - 1).payload(), VehicleState.class);
    }

    private static List<StoredPosition> storedPositions(Path dataDir) throws Exception {
        try (Connection connection = DriverManager.getConnection(Database.jdbcUrl(dataDir), "sa", "")) {
            return new PositionStore().findByFixTime(connection, VEHICLE, null, null, 10_000);
        }
    }

    private Path copyFixture(String name) throws Exception {
        Path file = folder.resolve(name);
        try (InputStream fixture = SimulatorReplayIT.class.getResourceAsStream("/gpx/" + name)) {
            Files.copy(Objects.requireNonNull(fixture, name), file);
        }
        return file;
    }

    /** Reads the latitude and longitude of every track point, in file order, independently of the simulator. */
    private static List<double[]> trackPoints(Path gpx) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        NodeList nodes = factory.newDocumentBuilder().parse(gpx.toFile()).getElementsByTagName("trkpt");
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element point = (Element) nodes.item(i);
            points.add(new double[] {
                Double.parseDouble(point.getAttribute("lat")), Double.parseDouble(point.getAttribute("lon"))
            });
        }
        return points;
    }
}
