package org.fleettracker.broker.api;

import org.fleettracker.protocol.api.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fleettracker.broker.api.TestUsers.FLEET;
import static org.fleettracker.broker.api.TestUsers.OTHER_FLEET;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuthorizationIT {

    private static final int CONNECTED = 0;
    private static final int GRANTED_QOS_1 = 1;
    private static final int NOT_AUTHORIZED = 0x87;

    @TempDir
    static Path folder;

    private static SecuredBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = SecuredBroker.start(folder);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void closeClients() {
        broker.closeClients();
    }

    @Test
    void vehicle_publishes_own_telemetry() throws Exception {
        MqttTestClient vehicle = connect("bus-1", TestUsers.DEMO_VEHICLES);

        assertThat(vehicle.publish(Topics.telemetry(FLEET, "bus-1"), "{}", 1, false))
                .matches(MqttTestClient::accepted, "accepted");
    }

    @Test
    void vehicle_publishes_own_retained_presence() throws Exception {
        MqttTestClient vehicle = connect("bus-1", TestUsers.DEMO_VEHICLES);

        assertThat(vehicle.publish(Topics.presence(FLEET, "bus-1"), "online", 1, true))
                .matches(MqttTestClient::accepted, "accepted");
    }

    @Test
    void vehicle_cannot_publish_other_vehicles_telemetry() throws Exception {
        MqttTestClient vehicle = connect("bus-1", TestUsers.DEMO_VEHICLES);

        assertThat(vehicle.publish(Topics.telemetry(FLEET, "bus-2"), "{}", 1, false))
                .isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void vehicle_cannot_publish_to_other_fleet() throws Exception {
        MqttTestClient vehicle = connect("bus-1", TestUsers.DEMO_VEHICLES);

        assertThat(vehicle.publish(Topics.telemetry(OTHER_FLEET, "bus-1"), "{}", 1, false))
                .isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void vehicle_cannot_publish_retained_telemetry() throws Exception {
        MqttTestClient vehicle = connect("bus-1", TestUsers.DEMO_VEHICLES);

        assertThat(vehicle.publish(Topics.telemetry(FLEET, "bus-1"), "{}", 1, true))
                .isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void vehicle_cannot_subscribe() throws Exception {
        MqttTestClient vehicle = connect("bus-1", TestUsers.DEMO_VEHICLES);

        assertThat(vehicle.subscribe(Topics.state(FLEET, "bus-1"))).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void vehicle_with_will_on_own_presence_connects() throws Exception {
        var will = new MqttTestClient.Will(Topics.presence(FLEET, "bus-5"), "offline");

        MqttTestClient vehicle =
                broker.connect("bus-5", TestUsers.DEMO_VEHICLES, TestUsers.passwordOf(TestUsers.DEMO_VEHICLES), will);

        assertThat(vehicle.isConnected()).isTrue();
    }

    @Test
    void will_message_reaches_subscriber_when_vehicle_drops() throws Exception {
        MqttTestClient admin = connect("admin-will", TestUsers.ADMIN);
        assertThat(admin.subscribe(Topics.presence(FLEET, "bus-6"))).isEqualTo(GRANTED_QOS_1);
        var will = new MqttTestClient.Will(Topics.presence(FLEET, "bus-6"), "offline");
        MqttTestClient vehicle =
                broker.connect("bus-6", TestUsers.DEMO_VEHICLES, TestUsers.passwordOf(TestUsers.DEMO_VEHICLES), will);

        vehicle.dropConnection();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin.received())
                .extracting(MqttTestClient.Received::payload)
                .containsExactly("offline"));
    }

    @Test
    void will_on_other_vehicle_is_rejected() {
        var will = new MqttTestClient.Will(Topics.presence(FLEET, "bus-2"), "offline");

        int reasonCode = connectReasonCode("bus-1", will);

        assertThat(reasonCode).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void gateway_will_on_its_fleet_connects() throws Exception {
        var will = new MqttTestClient.Will(Topics.presence(FLEET, "bus-7"), "offline");

        MqttTestClient gateway =
                broker.connect("gw-demo-will", TestUsers.GATEWAY, TestUsers.passwordOf(TestUsers.GATEWAY), will);

        assertThat(gateway.isConnected()).isTrue();
    }

    @Test
    void gateway_will_on_other_fleet_is_rejected() {
        var will = new MqttTestClient.Will(Topics.presence(TestUsers.OTHER_FLEET, "bus-3"), "offline");

        int reasonCode = broker.connectWithWillReasonCode("gw-demo-north", TestUsers.GATEWAY, will);

        assertThat(reasonCode).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void denied_publish_is_not_delivered_to_admin() throws Exception {
        MqttTestClient admin = connect("admin-watch", TestUsers.ADMIN);
        assertThat(admin.subscribe("#")).isEqualTo(GRANTED_QOS_1);

        int otherVehicle = connect("bus-31", TestUsers.DEMO_VEHICLES)
                .publish(Topics.telemetry(FLEET, "bus-4"), "denied-1", 1, false);
        int otherFleet = connect("bus-32", TestUsers.DEMO_VEHICLES)
                .publish(Topics.telemetry(OTHER_FLEET, "bus-32"), "denied-2", 1, false);
        int stateTopic =
                connect("bus-33", TestUsers.DEMO_VEHICLES).publish(Topics.state(FLEET, "bus-33"), "denied-3", 1, true);
        int marker = connect("bus-34", TestUsers.DEMO_VEHICLES)
                .publish(Topics.telemetry(FLEET, "bus-34"), "allowed-marker", 1, false);

        assertThat(List.of(otherVehicle, otherFleet, stateTopic)).containsOnly(NOT_AUTHORIZED);
        assertThat(marker).matches(MqttTestClient::accepted, "accepted");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin.received())
                .extracting(MqttTestClient.Received::payload)
                .contains("allowed-marker"));
        assertThat(admin.received())
                .extracting(MqttTestClient.Received::payload)
                .doesNotContain("denied-1", "denied-2", "denied-3");
    }

    @Test
    void denied_qos0_publish_is_dropped_and_sender_disconnected() throws Exception {
        MqttTestClient admin = connect("admin-qos0", TestUsers.ADMIN);
        assertThat(admin.subscribe(Topics.ALL_TELEMETRY)).isEqualTo(GRANTED_QOS_1);
        MqttTestClient vehicle = connect("bus-8", TestUsers.DEMO_VEHICLES);

        vehicle.publish(Topics.telemetry(FLEET, "bus-1"), "denied-qos0", 0, false);
        await().atMost(Duration.ofSeconds(10)).until(vehicle::wasDisconnectedByBroker);
        connect("bus-9", TestUsers.DEMO_VEHICLES).publish(Topics.telemetry(FLEET, "bus-9"), "marker", 1, false);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin.received())
                .extracting(MqttTestClient.Received::payload)
                .contains("marker"));
        assertThat(admin.received())
                .extracting(MqttTestClient.Received::payload)
                .doesNotContain("denied-qos0");
    }

    @Test
    void viewer_reads_state_of_its_fleet() throws Exception {
        MqttTestClient viewer = connect("wall-screen", TestUsers.VIEWER);
        MqttTestClient tracker = connect("tracker-1", TestUsers.TRACKER);

        assertThat(viewer.subscribe(Topics.fleetState(FLEET))).isEqualTo(GRANTED_QOS_1);
        assertThat(tracker.publish(Topics.state(FLEET, "bus-1"), "state-1", 1, false))
                .matches(MqttTestClient::accepted, "accepted");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(viewer.received())
                .extracting(MqttTestClient.Received::topic)
                .containsExactly(Topics.state(FLEET, "bus-1")));
    }

    @Test
    void viewer_reads_single_vehicle_state() throws Exception {
        MqttTestClient viewer = connect("wall-screen", TestUsers.VIEWER);

        assertThat(viewer.subscribe(Topics.state(FLEET, "bus-1"))).isEqualTo(GRANTED_QOS_1);
    }

    @Test
    void viewer_cannot_subscribe_to_telemetry() throws Exception {
        MqttTestClient viewer = connect("wall-screen", TestUsers.VIEWER);

        assertThat(viewer.subscribe(Topics.telemetry(FLEET, "bus-1"))).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void viewer_cannot_subscribe_to_other_fleet() throws Exception {
        MqttTestClient viewer = connect("wall-screen", TestUsers.VIEWER);

        assertThat(viewer.subscribe(Topics.fleetState(OTHER_FLEET))).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void viewer_cannot_subscribe_to_everything() throws Exception {
        MqttTestClient viewer = connect("wall-screen", TestUsers.VIEWER);

        assertThat(viewer.subscribe("#")).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void viewer_cannot_subscribe_to_state_of_all_fleets() throws Exception {
        MqttTestClient viewer = connect("wall-screen", TestUsers.VIEWER);

        assertThat(viewer.subscribe(Topics.ALL_STATE)).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void viewer_cannot_publish() throws Exception {
        MqttTestClient viewer = connect("wall-screen", TestUsers.VIEWER);

        assertThat(viewer.publish(Topics.state(FLEET, "bus-1"), "forged", 1, true))
                .isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void dispatcher_reads_rejects_of_its_fleet() throws Exception {
        MqttTestClient dispatcher = connect("console-1", TestUsers.DISPATCHER);
        MqttTestClient tracker = connect("tracker-1", TestUsers.TRACKER);

        assertThat(dispatcher.subscribe("fleet/" + FLEET + "/#")).isEqualTo(GRANTED_QOS_1);
        assertThat(tracker.publish(Topics.rejects(FLEET), "reject-1", 1, false))
                .matches(MqttTestClient::accepted, "accepted");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dispatcher.received())
                .filteredOn(message -> message.topic().equals(Topics.rejects(FLEET)))
                .extracting(MqttTestClient.Received::payload)
                .containsExactly("reject-1"));
    }

    @Test
    void dispatcher_cannot_subscribe_to_other_fleet() throws Exception {
        MqttTestClient dispatcher = connect("console-1", TestUsers.DISPATCHER);

        assertThat(dispatcher.subscribe("fleet/" + OTHER_FLEET + "/#")).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void dispatcher_cannot_subscribe_across_fleets() throws Exception {
        MqttTestClient dispatcher = connect("console-1", TestUsers.DISPATCHER);

        assertThat(dispatcher.subscribe("fleet/#")).isEqualTo(NOT_AUTHORIZED);
        assertThat(dispatcher.subscribe("fleet/+/rejects")).isEqualTo(NOT_AUTHORIZED);
        assertThat(dispatcher.subscribe("#")).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void dispatcher_cannot_use_shared_subscription() throws Exception {
        MqttTestClient dispatcher = connect("console-1", TestUsers.DISPATCHER);

        assertThat(dispatcher.subscribe("$share/trackers/fleet/" + FLEET + "/vehicles/+/telemetry"))
                .isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void tracker_receives_telemetry_through_shared_subscription() throws Exception {
        MqttTestClient tracker = connect("tracker-1", TestUsers.TRACKER);
        MqttTestClient vehicle = connect("bus-1", TestUsers.DEMO_VEHICLES);

        assertThat(tracker.subscribe(Topics.TRACKER_TELEMETRY_SUBSCRIPTION)).isEqualTo(GRANTED_QOS_1);
        assertThat(vehicle.publish(Topics.telemetry(FLEET, "bus-1"), "fix-1", 1, false))
                .matches(MqttTestClient::accepted, "accepted");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tracker.received())
                .extracting(MqttTestClient.Received::payload)
                .containsExactly("fix-1"));
    }

    @Test
    void tracker_may_subscribe_to_telemetry_without_share() throws Exception {
        MqttTestClient tracker = connect("tracker-1", TestUsers.TRACKER);

        assertThat(tracker.subscribe(Topics.ALL_TELEMETRY)).isLessThan(0x80);
    }

    @Test
    void tracker_cannot_use_other_share_name() throws Exception {
        MqttTestClient tracker = connect("tracker-1", TestUsers.TRACKER);

        assertThat(tracker.subscribe("$share/intruders/" + Topics.ALL_TELEMETRY))
                .isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void tracker_publishes_retained_state() throws Exception {
        MqttTestClient tracker = connect("tracker-1", TestUsers.TRACKER);

        assertThat(tracker.publish(Topics.state(OTHER_FLEET, "bus-3"), "state", 1, true))
                .matches(MqttTestClient::accepted, "accepted");
    }

    @Test
    void tracker_cannot_publish_retained_rejects() throws Exception {
        MqttTestClient tracker = connect("tracker-1", TestUsers.TRACKER);

        assertThat(tracker.publish(Topics.rejects(FLEET), "reject", 1, true)).isEqualTo(NOT_AUTHORIZED);
    }

    private MqttTestClient connect(String clientId, String username) throws Exception {
        return broker.connect(clientId, username);
    }

    private int connectReasonCode(String clientId, MqttTestClient.Will will) {
        return broker.connectWithWillReasonCode(clientId, TestUsers.DEMO_VEHICLES, will);
    }
}
