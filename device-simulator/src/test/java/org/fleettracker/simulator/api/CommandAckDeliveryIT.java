package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.PasswordHashes;
import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.CommandAckStatus;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Command acks that meet a full in-flight window or a dropped connection, against the security extension. A proxy
 * between the simulator and the broker keeps back the simulator's PUBLISH packets, so they stay unacknowledged as long
 * as the test wants.
 */
@Timeout(120)
class CommandAckDeliveryIT {

    private static final String FLEET = "demo";
    private static final String VEHICLE_USER = "demo-vehicles";
    private static final String GATEWAY_USER = "gw-demo";
    private static final String ADMIN_USER = "ops";

    @TempDir
    Path tempDir;

    private EmbeddedBroker broker;
    private PublishHoldingProxy proxy;

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void ack_waits_for_a_full_window() throws Exception {
        // A receive maximum of 4: the presence and 3 fixes fill the window that Paho enforces.
        startBroker(4);
        proxy.hold();
        try (MqttProbe probe = probe();
                Simulator simulator = Simulator.start(settings(VEHICLE_USER, 0, Duration.ofMillis(50)))) {
            String vehicleId = simulator.vehicleIds().get(0);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> proxy.subacks() >= 1 && proxy.heldTopics().size() >= 4);

            probe.publish(Topics.commands(FLEET, vehicleId), Json.encode(command("c-window")));
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.clientPubacks() >= 1);
            proxy.release();

            await().atMost(Duration.ofSeconds(20)).until(() -> probe.messages().size() >= 2);
            assertThat(acks(probe)).extracting(CommandAck::commandId).containsOnly("c-window");
            assertThat(acks(probe))
                    .extracting(CommandAck::status)
                    .containsExactly(CommandAckStatus.RECEIVED, CommandAckStatus.ACCEPTED);
            assertThat(probe.messages())
                    .extracting(MqttProbe.Received::topic)
                    .containsOnly(Topics.commandAcks(FLEET, vehicleId));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ack_in_flight_at_a_drop_is_sent_again(boolean gateway) throws Exception {
        startBroker(EmbeddedBroker.DEFAULT_SERVER_RECEIVE_MAXIMUM);
        proxy.hold();
        SimulatorSettings settings = gateway
                ? settings(GATEWAY_USER, 2, Duration.ofSeconds(20))
                : settings(VEHICLE_USER, 0, Duration.ofSeconds(20));
        try (MqttProbe probe = probe();
                Simulator simulator = Simulator.start(settings)) {
            String vehicleId = simulator.vehicleIds().get(0);
            String acksTopic = Topics.commandAcks(FLEET, vehicleId);
            await().atMost(Duration.ofSeconds(30)).until(() -> proxy.subacks() >= 1);

            probe.publish(Topics.commands(FLEET, vehicleId), Json.encode(command("c-drop")));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> proxy.heldTopics().stream()
                                    .filter(acksTopic::equals)
                                    .count()
                            == 2);
            proxy.dropConnections();

            await().atMost(Duration.ofSeconds(30)).until(() -> probe.messages().size() >= 2);
            assertThat(acks(probe)).extracting(CommandAck::commandId).containsOnly("c-drop");
            assertThat(acks(probe))
                    .extracting(CommandAck::status)
                    .containsExactly(CommandAckStatus.RECEIVED, CommandAckStatus.ACCEPTED);
            assertThat(simulator.summary().reconnects()).isPositive();
        }
    }

    private void startBroker(int receiveMaximum) throws IOException {
        Path usersFile = tempDir.resolve("users.yaml");
        Files.writeString(
                usersFile,
                "users:\n"
                        + account(VEHICLE_USER, "vehicle", "[demo]")
                        + account(GATEWAY_USER, "gateway", "[demo]")
                        + account(ADMIN_USER, "admin", "[]"),
                StandardCharsets.UTF_8);
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(Files.createDirectory(tempDir.resolve("broker")))
                .serverReceiveMaximum(receiveMaximum)
                .extension(new FleetSecurityExtension(usersFile))
                .build()
                .start(Duration.ofSeconds(60));
        proxy = PublishHoldingProxy.start(broker.port());
    }

    private MqttProbe probe() throws Exception {
        return MqttProbe.subscribeAs(
                broker.serverUri(), "ack-probe", Topics.ALL_COMMAND_ACKS, ADMIN_USER, passwordOf(ADMIN_USER));
    }

    private static List<CommandAck> acks(MqttProbe probe) {
        return probe.messages().stream()
                .map(message -> Json.decode(message.payload(), CommandAck.class))
                .toList();
    }

    private static Command command(String commandId) {
        return Command.of(commandId, CommandType.REQUEST_POSITION, Instant.now(), "dispatcher");
    }

    /** Returns the settings of one vehicle, or with {@code gatewayVehicles} above 0 of one gateway of that many. */
    private SimulatorSettings settings(String username, int gatewayVehicles, Duration interval) {
        return SimulatorSettings.builder()
                .brokerUrl(proxy.serverUri())
                .username(username)
                .password(passwordOf(username))
                .fleetId(FLEET)
                .vehicleCount(Math.max(1, gatewayVehicles))
                .gatewayVehicles(gatewayVehicles)
                .interval(interval)
                .reconnectDelays(Duration.ofMillis(100), Duration.ofMillis(500), 0.2)
                .closeTimeout(Duration.ofSeconds(2))
                .seed(11)
                .build();
    }

    private static String account(String username, String role, String fleets) {
        return "  - username: " + username + "\n"
                + "    password: \"" + PasswordHashes.hash(passwordOf(username).toCharArray()) + "\"\n"
                + "    role: " + role + "\n"
                + "    fleets: " + fleets + "\n";
    }

    private static String passwordOf(String username) {
        return username + "-test-pw";
    }
}
