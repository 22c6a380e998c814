package org.fleettracker.broker.api;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.protocol.api.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PublishLimitsIT {

    private static final int IMPLEMENTATION_SPECIFIC_ERROR = 0x83;
    private static final int QUOTA_EXCEEDED = 0x97;
    private static final int MESSAGE_RATE_TOO_HIGH = 0x96;
    private static final int PACKET_TOO_LARGE = 0x95;
    private static final int MAX_PAYLOAD_BYTES = 1_024;
    private static final int BURST = 5;
    private static final int MAX_VIOLATIONS = 10;

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
    void oversize_publish_gets_failure_code() throws Exception {
        start();
        try (MqttTestClient vehicle = connectVehicle("bus-1")) {
            int reasonCode = vehicle.publish(telemetry("bus-1"), "x".repeat(MAX_PAYLOAD_BYTES + 1), 1, false);

            assertThat(reasonCode).isEqualTo(IMPLEMENTATION_SPECIFIC_ERROR);
            assertThat(vehicle.isConnected()).isTrue();
            assertThat(broker.securityCount(SecurityCounter.PUBLISHES_OVERSIZE)).isEqualTo(1);
        }
    }

    @Test
    void oversize_publish_is_not_delivered() throws Exception {
        start();
        try (MqttTestClient admin = connectAdmin();
                MqttTestClient vehicle = connectVehicle("bus-1")) {
            assertThat(admin.subscribe("#")).isEqualTo(1);

            vehicle.publish(telemetry("bus-1"), "x".repeat(MAX_PAYLOAD_BYTES + 1), 1, false);
            vehicle.publish(telemetry("bus-1"), "x".repeat(MAX_PAYLOAD_BYTES), 1, false);

            await().atMost(Duration.ofSeconds(10)).until(() -> !admin.received().isEmpty());
            assertThat(admin.received()).singleElement().satisfies(message -> assertThat(message.payload())
                    .hasSize(MAX_PAYLOAD_BYTES));
        }
    }

    @Test
    void publish_over_rate_gets_quota_exceeded() throws Exception {
        start();
        try (MqttTestClient vehicle = connectVehicle("bus-1")) {
            for (int i = 0; i < BURST; i++) {
                assertThat(MqttTestClient.accepted(vehicle.publish(telemetry("bus-1"), "fix", 1, false)))
                        .isTrue();
            }

            int reasonCode = vehicle.publish(telemetry("bus-1"), "fix", 1, false);

            assertThat(reasonCode).isEqualTo(QUOTA_EXCEEDED);
            assertThat(vehicle.isConnected()).isTrue();
            assertThat(broker.securityCount(SecurityCounter.PUBLISHES_RATE_LIMITED))
                    .isEqualTo(1);
        }
    }

    @Test
    void persistent_rate_abuse_disconnects() throws Exception {
        start();
        try (MqttTestClient vehicle = connectVehicle("bus-1")) {
            for (int i = 0; i < BURST + MAX_VIOLATIONS + 1 && vehicle.isConnected(); i++) {
                vehicle.publish(telemetry("bus-1"), "fix", 1, false);
            }

            await().atMost(Duration.ofSeconds(10)).until(vehicle::wasDisconnectedByBroker);
            assertThat(vehicle.disconnectReasonCode()).isEqualTo(MESSAGE_RATE_TOO_HIGH);
            assertThat(broker.securityCount(SecurityCounter.LIMIT_DISCONNECTS)).isEqualTo(1);
        }
    }

    @Test
    void persistent_oversize_disconnects() throws Exception {
        start();
        try (MqttTestClient vehicle = connectVehicle("bus-1")) {
            String oversize = "x".repeat(MAX_PAYLOAD_BYTES + 1);
            for (int i = 0; i < MAX_VIOLATIONS + 1 && vehicle.isConnected(); i++) {
                vehicle.publish(telemetry("bus-1"), oversize, 1, false);
            }

            await().atMost(Duration.ofSeconds(10)).until(vehicle::wasDisconnectedByBroker);
            assertThat(vehicle.disconnectReasonCode()).isEqualTo(PACKET_TOO_LARGE);
        }
    }

    @Test
    void abuser_leaves_other_vehicle_unaffected() throws Exception {
        start();
        try (MqttTestClient abuser = connectVehicle("bus-1");
                MqttTestClient neighbour = connectVehicle("bus-2")) {
            int neighbourPublishes = 0;
            for (int i = 0; i < BURST + MAX_VIOLATIONS + 1 && abuser.isConnected(); i++) {
                abuser.publish(telemetry("bus-1"), "fix", 1, false);
                if (i % 4 == 0) {
                    assertThat(MqttTestClient.accepted(neighbour.publish(telemetry("bus-2"), "fix", 1, false)))
                            .isTrue();
                    neighbourPublishes++;
                }
            }

            await().atMost(Duration.ofSeconds(10)).until(abuser::wasDisconnectedByBroker);
            assertThat(neighbourPublishes).isGreaterThanOrEqualTo(3);
            assertThat(neighbour.isConnected()).isTrue();
        }
    }

    @Test
    void admin_has_no_rate_limit() throws Exception {
        start();
        try (MqttTestClient admin = connectAdmin()) {
            for (int i = 0; i < BURST + MAX_VIOLATIONS + 5; i++) {
                assertThat(MqttTestClient.accepted(admin.publish("ops/notes", "note " + i, 1, false)))
                        .isTrue();
            }

            assertThat(admin.isConnected()).isTrue();
        }
    }

    private static String telemetry(String vehicleId) {
        return Topics.telemetry(TestUsers.FLEET, vehicleId);
    }

    private MqttTestClient connectVehicle(String vehicleId) throws MqttException {
        return MqttTestClient.connect(
                broker.serverUri(), vehicleId, TestUsers.DEMO_VEHICLES, TestUsers.passwordOf(TestUsers.DEMO_VEHICLES));
    }

    private MqttTestClient connectAdmin() throws MqttException {
        return MqttTestClient.connect(
                broker.serverUri(), "ops", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN));
    }

    /** Vehicles may publish {@value #BURST} at once, then one every 10 s, so the tests never wait for a refill. */
    private void start() throws Exception {
        Path usersFile = TestUsers.write(folder);
        SecuritySettings settings = SecuritySettings.builder()
                .maxPayloadBytes(MAX_PAYLOAD_BYTES)
                .publishRateLimit("vehicle", new PublishRateLimit(0.1, BURST))
                .limitViolations(MAX_VIOLATIONS, Duration.ofSeconds(60))
                .build();
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(usersFile, settings))
                .build()
                .start(Duration.ofSeconds(30));
    }
}
