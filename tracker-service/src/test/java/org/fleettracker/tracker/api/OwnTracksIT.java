package org.fleettracker.tracker.api;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A phone that runs the OwnTracks app, imitated with a Paho MQTT 5 client that connects, sets its will and publishes
 * as the app does, through the embedded broker with the security extension into the tracker.
 */
@Timeout(120)
class OwnTracksIT {

    private static final String VEHICLE = "alice-pixel";
    private static final String LOCATION_TOPIC = "owntracks/alice/pixel";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path folder;

    private static Tracker tracker;
    private static Path dataDir;

    @BeforeAll
    static void startTracker() throws Exception {
        Path mapping = folder.resolve("owntracks.yaml");
        Files.writeString(
                mapping,
                "devices:\n  - user: alice\n    device: pixel\n    fleet: demo\n    vehicle: " + VEHICLE + "\n",
                StandardCharsets.UTF_8);
        TrackerSettings settings =
                TrackerHarness.settings(folder).owntracksFile(mapping).build();
        dataDir = settings.dataDir();
        tracker = Tracker.start(settings);
    }

    @AfterAll
    static void stopTracker() {
        tracker.close();
    }

    @Test
    void phone_acts_as_a_vehicle_of_its_fleet() throws Exception {
        long tst = Instant.now().getEpochSecond() - 5;
        try (MqttTestClient dispatcher = dispatcher("ot-dispatcher-1")) {
            dispatcher.subscribe(Topics.state(TestUsers.FLEET, VEHICLE));
            dispatcher.subscribe(Topics.events(TestUsers.FLEET));
            MqttClient phone = phone("alicepixel", LOCATION_TOPIC, tst);

            publish(phone, LOCATION_TOPIC, location(tst, 46.0503, 14.5069), true);
            publish(phone, LOCATION_TOPIC, location(tst + 10, 46.0511, 14.5080), true);
            publish(phone, LOCATION_TOPIC + "/event", transition(tst + 12), false);

            await().atMost(WAIT).until(() -> positions() == 2);
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(latestState(dispatcher)).satisfies(state -> {
                        assertThat(state.online()).isTrue();
                        assertThat(state.seq()).isEqualTo(tst + 10);
                        assertThat(state.speedKmh()).isEqualTo(36);
                    }));
            FleetEvent event = awaitEvent(dispatcher);
            assertThat(event.type()).isEqualTo("geofence-entered");
            assertThat(event.vehicleId()).isEqualTo(VEHICLE);
            assertThat(event.attributes()).containsEntry("region", "Depot Vic");

            // Closing the socket without DISCONNECT makes the broker publish the app's will, its lwt.
            phone.disconnectForcibly(0, 1_000, false);
            phone.close();
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> assertThat(latestState(dispatcher).online()).isFalse());

            MqttClient again = phone("alicepixel", LOCATION_TOPIC, tst + 60);
            publish(again, LOCATION_TOPIC, location(tst + 60, 46.0520, 14.5090), true);
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> assertThat(latestState(dispatcher).online()).isTrue());
            assertThat(positions()).isEqualTo(3);
            again.disconnect();
            again.close();
        }
    }

    @Test
    void unmapped_device_is_rejected_as_unknown_device() throws Exception {
        long tst = Instant.now().getEpochSecond();
        MqttClient phone = phone("aliceiphone", "owntracks/alice/iphone", tst);

        publish(phone, "owntracks/alice/iphone", location(tst, 46.05, 14.5), true);

        await().atMost(WAIT)
                .until(() -> TrackerHarness.count(
                                dataDir,
                                "SELECT COUNT(*) FROM rejects WHERE reason = 'unknown_device'"
                                        + " AND topic = 'owntracks/alice/iphone'")
                        == 1);
        phone.disconnect();
        phone.close();
    }

    @Test
    void other_users_topic_is_denied_and_reaches_no_one() throws Exception {
        long tst = Instant.now().getEpochSecond();
        try (MqttTestClient bob =
                MqttTestClient.connect(tracker.mqttServerUri(), "bobpixel", TestUsers.OWNTRACKS_BOB)) {
            bob.subscribe("owntracks/bob/#");
            MqttClient alice = phone("alicespoof", "owntracks/alice/spoof", tst);

            // The broker responds with PUBACK 0x87 (not authorized), which Paho's blocking client does not throw,
            // and then closes the connection.
            publish(alice, "owntracks/bob/pixel", location(tst, 46.05, 14.5), false);

            await().atMost(WAIT).until(() -> !alice.isConnected());
            // A marker from bob himself shows that delivery works and that alice's message never arrived before it.
            bob.publish("owntracks/bob/pixel", location(tst, 1, 1), false);
            await().atMost(WAIT).until(() -> bob.received().size() == 1);
            assertThat(bob.received().get(0).text()).contains("\"lat\":1");
            alice.close();
        }
        assertThat(TrackerHarness.count(dataDir, "SELECT COUNT(*) FROM positions WHERE vehicle_id LIKE 'bob%'"))
                .isZero();
    }

    /** Connects like the app: MQTT 5, clean start, user and password, and its lwt as will message. */
    private static MqttClient phone(String clientId, String willTopic, long tst) throws MqttException {
        MqttClient client = new MqttClient(tracker.mqttServerUri(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        options.setUserName(TestUsers.OWNTRACKS_ALICE);
        options.setPassword(TestUsers.passwordOf(TestUsers.OWNTRACKS_ALICE).getBytes(StandardCharsets.UTF_8));
        MqttMessage will = new MqttMessage(bytes("{\"_type\":\"lwt\",\"tst\":" + tst + "}"));
        will.setQos(1);
        options.setWill(willTopic, will);
        client.connect(options);
        return client;
    }

    private static void publish(MqttClient client, String topic, byte[] payload, boolean retained)
            throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        client.publish(topic, message);
    }

    private static byte[] location(long tst, double latitudeDeg, double longitudeDeg) {
        return bytes("{\"_type\":\"location\",\"acc\":8,\"alt\":295,\"batt\":64,\"bs\":1,\"cog\":72,\"conn\":\"m\","
                + "\"lat\":" + latitudeDeg + ",\"lon\":" + longitudeDeg + ",\"m\":1,\"t\":\"u\",\"tid\":\"ap\","
                + "\"tst\":" + tst + ",\"vac\":3,\"vel\":36}");
    }

    private static byte[] transition(long tst) {
        return bytes("{\"_type\":\"transition\",\"acc\":9,\"desc\":\"Depot Vic\",\"event\":\"enter\",\"lat\":46.0511,"
                + "\"lon\":14.508,\"rid\":\"d3p0\",\"t\":\"c\",\"tid\":\"ap\",\"tst\":" + tst
                + ",\"wtst\":1796000000}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long positions() throws Exception {
        return TrackerHarness.count(dataDir, "SELECT COUNT(*) FROM positions WHERE vehicle_id = '" + VEHICLE + "'");
    }

    private static VehicleState latestState(MqttTestClient dispatcher) {
        List<MqttTestClient.Received> states = dispatcher.received().stream()
                .filter(r -> r.topic().endsWith("/state"))
                .toList();
        assertThat(states).isNotEmpty();
        return Json.decode(states.get(states.size() - 1).payload(), VehicleState.class);
    }

    private static FleetEvent awaitEvent(MqttTestClient dispatcher) {
        await().atMost(WAIT).until(() -> dispatcher.received().stream()
                .anyMatch(r -> r.topic().endsWith("/events")));
        MqttTestClient.Received event = dispatcher.received().stream()
                .filter(r -> r.topic().endsWith("/events"))
                .findFirst()
                .orElseThrow();
        return Json.decode(event.payload(), FleetEvent.class);
    }

    private static MqttTestClient dispatcher(String clientId) throws MqttException {
        return MqttTestClient.connect(tracker.mqttServerUri(), clientId, TestUsers.DISPATCHER);
    }
}
