package org.fleettracker.broker.api;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.fleettracker.broker.api.MqttTestClient.connectReasonCode;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DuplicateClientIdIT {

    private static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;
    private static final int SESSION_TAKEN_OVER = 0x8E;
    private static final String VEHICLE = "bus-9";

    @TempDir
    Path folder;

    private EmbeddedBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void takeover_disconnects_the_old_connection() throws Exception {
        start(DuplicateClientIdPolicy.TAKEOVER);
        try (MqttTestClient first = connectVehicle();
                MqttTestClient second = connectVehicle()) {
            await().atMost(Duration.ofSeconds(10)).until(first::wasDisconnectedByBroker);

            assertThat(first.disconnectReasonCode()).isEqualTo(SESSION_TAKEN_OVER);
            assertThat(second.isConnected()).isTrue();
        }
    }

    @Test
    void takeover_is_logged_with_both_addresses() throws Exception {
        start(DuplicateClientIdPolicy.TAKEOVER);
        try (LogCapture log = LogCapture.connections();
                MqttTestClient first = connectVehicle();
                MqttTestClient second = connectVehicle()) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !log.linesWith("took over").isEmpty());

            assertThat(log.linesWith("took over").get(0))
                    .contains("'" + VEHICLE + "' from 127.0.0.1 took over")
                    .contains("connection from 127.0.0.1");
            assertThat(broker.securityCount(SecurityCounter.CLIENT_IDS_TAKEN_OVER))
                    .isEqualTo(1);
        }
    }

    @Test
    void takeover_shows_as_server_disconnect_to_the_listener() throws Exception {
        start(DuplicateClientIdPolicy.TAKEOVER);
        try (LogCapture log = LogCapture.connections();
                MqttTestClient first = connectVehicle();
                MqttTestClient second = connectVehicle()) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !log.linesWith("disconnected by the broker").isEmpty());

            assertThat(log.linesWith("disconnected by the broker").get(0)).contains("SESSION_TAKEN_OVER");
        }
    }

    @Test
    void other_account_cannot_take_over_client_id() throws Exception {
        start(DuplicateClientIdPolicy.TAKEOVER);
        try (MqttTestClient first = connectVehicle()) {
            int reasonCode = connectReasonCode(
                    broker.serverUri(), VEHICLE, TestUsers.VIEWER, TestUsers.passwordOf(TestUsers.VIEWER));

            assertThat(reasonCode).isEqualTo(CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(first.isConnected()).isTrue();
            assertThat(first.wasDisconnectedByBroker()).isFalse();
        }
    }

    @Test
    void rejected_connect_leaves_client_id_free() throws Exception {
        start(DuplicateClientIdPolicy.TAKEOVER);
        MqttTestClient.Will othersPresence = new MqttTestClient.Will("fleet/demo/vehicles/bus-8/presence", "offline");
        assertThatThrownBy(() -> MqttTestClient.connect(
                        broker.serverUri(),
                        VEHICLE,
                        TestUsers.DEMO_VEHICLES,
                        TestUsers.passwordOf(TestUsers.DEMO_VEHICLES),
                        othersPresence))
                .isInstanceOf(MqttException.class);

        int reasonCode = connectReasonCode(
                broker.serverUri(), VEHICLE, TestUsers.VIEWER, TestUsers.passwordOf(TestUsers.VIEWER));

        assertThat(reasonCode).isZero();
    }

    @Test
    void reject_new_keeps_the_old_connection() throws Exception {
        start(DuplicateClientIdPolicy.REJECT_NEW);
        try (MqttTestClient first = connectVehicle()) {
            int reasonCode = connectReasonCode(
                    broker.serverUri(),
                    VEHICLE,
                    TestUsers.DEMO_VEHICLES,
                    TestUsers.passwordOf(TestUsers.DEMO_VEHICLES));

            assertThat(reasonCode).isEqualTo(CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(first.isConnected()).isTrue();
            assertThat(first.wasDisconnectedByBroker()).isFalse();
        }
    }

    @Test
    void reject_new_is_logged_with_both_addresses() throws Exception {
        start(DuplicateClientIdPolicy.REJECT_NEW);
        try (LogCapture log = LogCapture.connections();
                MqttTestClient first = connectVehicle()) {
            connectReasonCode(
                    broker.serverUri(),
                    VEHICLE,
                    TestUsers.DEMO_VEHICLES,
                    TestUsers.passwordOf(TestUsers.DEMO_VEHICLES));

            assertThat(log.linesWith("the client id is connected from"))
                    .singleElement()
                    .asString()
                    .contains("'" + VEHICLE + "' from 127.0.0.1")
                    .contains("connected from 127.0.0.1");
            assertThat(broker.securityCount(SecurityCounter.AUTHENTICATIONS_FAILED_DUPLICATE_CLIENT_ID))
                    .isEqualTo(1);
        }
    }

    @Test
    void reject_new_admits_the_client_id_after_disconnect() throws Exception {
        start(DuplicateClientIdPolicy.REJECT_NEW);
        try (MqttTestClient first = connectVehicle()) {
            assertThat(first.isConnected()).isTrue();
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> connectReasonCode(
                                broker.serverUri(),
                                VEHICLE,
                                TestUsers.DEMO_VEHICLES,
                                TestUsers.passwordOf(TestUsers.DEMO_VEHICLES))
                        == 0);
    }

    private MqttTestClient connectVehicle() throws MqttException {
        return MqttTestClient.connect(
                broker.serverUri(), VEHICLE, TestUsers.DEMO_VEHICLES, TestUsers.passwordOf(TestUsers.DEMO_VEHICLES));
    }

    private void start(DuplicateClientIdPolicy policy) throws Exception {
        Path usersFile = TestUsers.write(folder);
        SecuritySettings settings =
                SecuritySettings.builder().duplicateClientIdPolicy(policy).build();
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(usersFile, settings))
                .build()
                .start(Duration.ofSeconds(30));
    }
}
