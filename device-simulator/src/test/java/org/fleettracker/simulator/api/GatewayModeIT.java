package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.CommandAckStatus;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Generated vehicles that share gateway connections, against an embedded broker without access control. */
@Timeout(90)
class GatewayModeIT {

    private static final int VEHICLES = 12;
    private static final int PER_GATEWAY = 5;
    private static final String FLEET = SimulatorSettings.DEFAULT_FLEET_ID;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.builder().port(0).dataDir(dataDir).build().start(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void each_fix_goes_to_its_vehicle_topic() throws Exception {
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", Topics.ALL_TELEMETRY);
                Simulator simulator = Simulator.start(settings(Duration.ofSeconds(2)))) {

            assertThat(simulator.awaitCompletion(Duration.ofSeconds(30))).isTrue();
            SimulatorSummary summary = simulator.summary();
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.telemetry().size() >= summary.acknowledged());

            Map<String, List<Telemetry>> byVehicle =
                    probe.telemetry().stream().collect(Collectors.groupingBy(Telemetry::vehicleId));
            assertThat(byVehicle.keySet()).containsExactlyInAnyOrderElementsOf(simulator.vehicleIds());
            byVehicle.forEach((vehicleId, fixes) -> {
                for (int i = 1; i < fixes.size(); i++) {
                    assertThat(fixes.get(i).seq())
                            .as("seq %d of %s", i, vehicleId)
                            .isEqualTo(fixes.get(i - 1).seq() + 1);
                }
            });
            assertThat(summary.vehicles()).isEqualTo(VEHICLES);
            assertThat(summary.connectedVehicles()).isEqualTo(VEHICLES);
            assertThat(summary.published()).isEqualTo(summary.acknowledged());
            assertThat(summary.rejected()).isZero();
        }
    }

    @Test
    void presence_is_online_per_vehicle_then_offline_at_close() throws Exception {
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", Topics.ALL_PRESENCE)) {
            List<String> vehicleIds;
            try (Simulator simulator = Simulator.start(settings(null))) {
                vehicleIds = simulator.vehicleIds();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(vehicleIds)
                        .allSatisfy(id -> assertThat(presences(probe, id)).contains(Presence.ONLINE.text())));
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(vehicleIds)
                    .allSatisfy(id -> assertThat(presences(probe, id)).endsWith(Presence.OFFLINE.text())));
        }
    }

    @Test
    void command_is_acked_by_its_vehicle_only() throws Exception {
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe", Topics.ALL_COMMAND_ACKS);
                Simulator simulator = Simulator.start(settings(null))) {
            String target = simulator.vehicleIds().get(7);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> simulator.summary().acknowledged() >= VEHICLES);
            Command command = Command.of("c-gw", CommandType.REQUEST_POSITION, Instant.now(), "dispatcher");

            probe.publish(Topics.commands(FLEET, target), Json.encode(command));

            await().atMost(Duration.ofSeconds(10)).until(() -> probe.messages().size() >= 2);
            List<CommandAck> acks = probe.messages().stream()
                    .map(message -> Json.decode(message.payload(), CommandAck.class))
                    .toList();
            assertThat(acks)
                    .extracting(CommandAck::status)
                    .containsExactly(CommandAckStatus.RECEIVED, CommandAckStatus.ACCEPTED);
            assertThat(acks).extracting(CommandAck::vehicleId).containsOnly(target);
            assertThat(probe.messages())
                    .extracting(MqttProbe.Received::topic)
                    .containsOnly(Topics.commandAcks(FLEET, target));
        }
    }

    private static List<String> presences(MqttProbe probe, String vehicleId) {
        return probe.on(Topics.presence(FLEET, vehicleId)).stream()
                .map(MqttProbe.Received::text)
                .toList();
    }

    private SimulatorSettings settings(@Nullable Duration duration) {
        return SimulatorSettings.builder()
                .brokerUrl(broker.serverUri())
                .username("gw")
                .vehicleCount(VEHICLES)
                .gatewayVehicles(PER_GATEWAY)
                .interval(Duration.ofMillis(200))
                .duration(duration)
                .seed(2027)
                .build();
    }
}
