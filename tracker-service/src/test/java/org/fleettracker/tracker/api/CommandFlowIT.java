package org.fleettracker.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.CommandAckStatus;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.simulator.api.Simulator;
import org.fleettracker.simulator.api.SimulatorSettings;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The command flow of a running tracker with a real MQTT vehicle client that sends the acks. */
@Timeout(120)
class CommandFlowIT {

    private static final String FLEET = TestUsers.FLEET;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path folder;

    private static Tracker tracker;

    private static MqttTestClient watcher;

    @BeforeAll
    static void startTracker() throws Exception {
        tracker = Tracker.start(TrackerHarness.settings(folder).build());
        watcher = MqttTestClient.connect(tracker.mqttServerUri(), "watcher", TestUsers.DISPATCHER);
        watcher.subscribe(Topics.events(FLEET));
    }

    @AfterAll
    static void stopTracker() throws Exception {
        watcher.close();
        tracker.close();
    }

    @Test
    void command_reaches_completed_through_vehicle_acks() throws Exception {
        try (MqttTestClient vehicle = knownVehicle("veh-c1")) {
            HttpResponse<String> created = post(
                    "/api/v1/vehicles/veh-c1/commands",
                    "{\"commandId\":\"c-flow\",\"type\":\"message\",\"text\":\"Call the office\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Command command = awaitCommand(vehicle, "c-flow");
            awaitStatus("c-flow", "published");

            ack(vehicle, "veh-c1", command, CommandAckStatus.RECEIVED);
            ack(vehicle, "veh-c1", command, CommandAckStatus.ACCEPTED);
            ack(vehicle, "veh-c1", command, CommandAckStatus.COMPLETED);

            awaitStatus("c-flow", "completed");
            assertThat(steps("c-flow"))
                    .containsExactly("created", "stored", "published", "delivered", "acknowledged", "completed");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(commandEventStatuses("c-flow"))
                    .containsExactlyInAnyOrder(
                            "created", "stored", "published", "delivered", "acknowledged", "completed"));
        }
    }

    @Test
    void offline_command_is_resent_on_presence() throws Exception {
        knownVehicle("veh-c9").close();
        post("/api/v1/vehicles/veh-c9/commands", "{\"commandId\":\"c-offline\",\"type\":\"request-position\"}");
        // The broker accepted the command, but the vehicle's clean-start session ended, so no client receives it.
        awaitStatus("c-offline", "published");

        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), "veh-c9")) {
            vehicle.subscribe(Topics.commands(FLEET, "veh-c9"));
            vehicle.publishPresence(FLEET, "veh-c9", Presence.ONLINE);

            Command command = awaitCommand(vehicle, "c-offline");
            ack(vehicle, "veh-c9", command, CommandAckStatus.RECEIVED);
            awaitStatus("c-offline", "delivered");
        }
    }

    @Test
    void repeated_ack_is_applied_once() throws Exception {
        try (MqttTestClient vehicle = knownVehicle("veh-c5")) {
            post("/api/v1/vehicles/veh-c5/commands", "{\"commandId\":\"c-twice\",\"type\":\"request-position\"}");
            Command command = awaitCommand(vehicle, "c-twice");

            ack(vehicle, "veh-c5", command, CommandAckStatus.RECEIVED);
            ack(vehicle, "veh-c5", command, CommandAckStatus.RECEIVED);
            ack(vehicle, "veh-c5", command, CommandAckStatus.ACCEPTED);

            awaitStatus("c-twice", "acknowledged");
            assertThat(TrackerHarness.count(
                            folder.resolve("data"),
                            "SELECT COUNT(*) FROM command_steps WHERE command_id = 'c-twice' AND status = 'delivered'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void repeated_post_with_same_id_creates_one_command() throws Exception {
        try (MqttTestClient vehicle = knownVehicle("veh-c2")) {
            String body = "{\"commandId\":\"c-same\",\"type\":\"message\",\"text\":\"Hello\"}";

            HttpResponse<String> first = post("/api/v1/vehicles/veh-c2/commands", body);
            HttpResponse<String> second = post("/api/v1/vehicles/veh-c2/commands", body);

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(json(second).get("commandId").asText()).isEqualTo("c-same");
            assertThat(TrackerHarness.count(
                            folder.resolve("data"), "SELECT COUNT(*) FROM commands WHERE command_id = 'c-same'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void same_id_with_other_body_is_a_conflict() throws Exception {
        try (MqttTestClient vehicle = knownVehicle("veh-c3")) {
            post("/api/v1/vehicles/veh-c3/commands", "{\"commandId\":\"c-clash\",\"type\":\"message\",\"text\":\"A\"}");

            HttpResponse<String> second = post(
                    "/api/v1/vehicles/veh-c3/commands",
                    "{\"commandId\":\"c-clash\",\"type\":\"message\",\"text\":\"B\"}");

            assertThat(second.statusCode()).isEqualTo(409);
        }
    }

    @Test
    void ack_from_wrong_vehicle_becomes_reject() throws Exception {
        try (MqttTestClient owner = knownVehicle("veh-c4");
                MqttTestClient other = MqttTestClient.vehicle(tracker.mqttServerUri(), "veh-c4x")) {
            post("/api/v1/vehicles/veh-c4/commands", "{\"commandId\":\"c-owner\",\"type\":\"message\"}");
            Command command = awaitCommand(owner, "c-owner");

            ack(other, "veh-c4x", command, CommandAckStatus.ACCEPTED);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> TrackerHarness.count(
                                    folder.resolve("data"),
                                    "SELECT COUNT(*) FROM rejects WHERE vehicle_id = 'veh-c4x'"
                                            + " AND reason = 'vehicle_id_mismatch'")
                            == 1);
            assertThat(status("c-owner")).isNotEqualTo("acknowledged");
        }
    }

    @Test
    void ack_for_unknown_command_becomes_reject() throws Exception {
        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), "veh-c6")) {
            CommandAck ack = new CommandAck("c-nobody", "veh-c6", CommandAckStatus.RECEIVED, Instant.now(), null);

            vehicle.publish(Topics.commandAcks(FLEET, "veh-c6"), Json.encode(ack), false);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> TrackerHarness.count(
                                    folder.resolve("data"),
                                    "SELECT COUNT(*) FROM rejects WHERE vehicle_id = 'veh-c6'"
                                            + " AND reason = 'unknown_command'")
                            == 1);
        }
    }

    @Test
    void job_is_sent_as_assign_job_and_accepted() throws Exception {
        try (MqttTestClient vehicle = knownVehicle("veh-j1")) {
            HttpResponse<String> created = post(
                    "/api/v1/jobs",
                    "{\"jobId\":\"job-it\",\"vehicleId\":\"veh-j1\",\"stops\":[{\"stopId\":\"s1\",\"kind\":\"pickup\","
                            + "\"name\":\"Depot\",\"latitudeDeg\":52.51,\"longitudeDeg\":13.4,\"radiusM\":50}]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String commandId = json(created).get("commandId").asText();
            Command command = awaitCommand(vehicle, commandId);
            assertThat(command.type()).isEqualTo(CommandType.ASSIGN_JOB);
            assertThat(command.job()).isNotNull();

            ack(vehicle, "veh-j1", command, CommandAckStatus.ACCEPTED);

            await().atMost(Duration.ofSeconds(10)).until(() -> json(TrackerHarness.get(tracker, "/api/v1/jobs/job-it"))
                    .get("status")
                    .asText()
                    .equals("accepted"));
        }
    }

    @Test
    void cancelled_job_cannot_be_cancelled_again() throws Exception {
        try (MqttTestClient vehicle = knownVehicle("veh-j2")) {
            post(
                    "/api/v1/jobs",
                    "{\"jobId\":\"job-cancel\",\"vehicleId\":\"veh-j2\",\"stops\":[{\"stopId\":\"s1\","
                            + "\"kind\":\"drop-off\",\"name\":\"\",\"latitudeDeg\":52.51,\"longitudeDeg\":13.4,"
                            + "\"radiusM\":50}]}");

            HttpResponse<String> first = post("/api/v1/jobs/job-cancel/cancel", "{}");
            HttpResponse<String> second = post("/api/v1/jobs/job-cancel/cancel", "{}");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(json(first).get("status").asText()).isEqualTo("cancelled");
            assertThat(second.statusCode()).isEqualTo(409);
        }
    }

    @Test
    void simulated_vehicle_acknowledges_command() throws Exception {
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(tracker.mqttServerUri())
                .username(TestUsers.DEMO_VEHICLES)
                .password(TestUsers.VEHICLE_PASSWORD)
                .fleetId(FLEET)
                .vehicleCount(1)
                .vehicleIdPrefix("simc-")
                .build();
        try (Simulator simulator = Simulator.start(settings)) {
            String vehicleId = simulator.vehicleIds().get(0);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> TrackerHarness.get(tracker, "/api/v1/vehicles/" + vehicleId)
                                    .statusCode()
                            == 200);

            HttpResponse<String> created = post(
                    "/api/v1/vehicles/" + vehicleId + "/commands",
                    "{\"commandId\":\"c-sim\",\"type\":\"message\",\"text\":\"Hello\"}");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            awaitStatus("c-sim", "acknowledged");
            assertThat(steps("c-sim")).contains("delivered", "acknowledged");
        }
    }

    @Test
    void command_without_credentials_is_unauthorized() throws Exception {
        try (MqttTestClient vehicle = knownVehicle("veh-c7")) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(tracker.httpBaseUri() + "/api/v1/vehicles/veh-c7/commands"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"message\"}"))
                    .build();

            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void command_list_pages_with_cursor() throws Exception {
        try (MqttTestClient vehicle = knownVehicle("veh-c8")) {
            for (int i = 1; i <= 3; i++) {
                post("/api/v1/vehicles/veh-c8/commands", "{\"commandId\":\"c-page-" + i + "\",\"type\":\"message\"}");
            }

            JsonNode first = json(TrackerHarness.get(tracker, "/api/v1/vehicles/veh-c8/commands?limit=2"));
            String cursor = first.get("nextCursor").asText();
            JsonNode second =
                    json(TrackerHarness.get(tracker, "/api/v1/vehicles/veh-c8/commands?limit=2&after=" + cursor));

            List<String> ids = new ArrayList<>();
            first.get("items").forEach(item -> ids.add(item.get("commandId").asText()));
            second.get("items").forEach(item -> ids.add(item.get("commandId").asText()));
            assertThat(first.get("items")).hasSize(2);
            assertThat(second.get("items")).hasSize(1);
            assertThat(second.has("nextCursor")).isTrue();
            assertThat(second.get("nextCursor").isNull()).isTrue();
            assertThat(ids).containsExactlyInAnyOrder("c-page-1", "c-page-2", "c-page-3");
        }
    }

    @Test
    void commands_cursor_is_rejected_by_jobs_list() throws Exception {
        try (MqttTestClient vehicle = knownVehicle("veh-c9")) {
            for (int i = 1; i <= 2; i++) {
                post("/api/v1/vehicles/veh-c9/commands", "{\"commandId\":\"c-kind-" + i + "\",\"type\":\"message\"}");
            }
            JsonNode page = json(TrackerHarness.get(tracker, "/api/v1/vehicles/veh-c9/commands?limit=1"));
            String cursor = page.get("nextCursor").asText();

            HttpResponse<String> response = TrackerHarness.get(tracker, "/api/v1/jobs?after=" + cursor);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json(response).get("parameter").asText()).isEqualTo("after");
        }
    }

    /** Connects a vehicle that subscribes to its commands and waits until the tracker has its state. */
    private static MqttTestClient knownVehicle(String vehicleId) throws Exception {
        MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), vehicleId);
        vehicle.subscribe(Topics.commands(FLEET, vehicleId));
        vehicle.publishFix(FLEET, Fixes.fix(vehicleId, 1, Instant.now().minusSeconds(1), 52.5, 13.4));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TrackerHarness.get(tracker, "/api/v1/vehicles/" + vehicleId)
                                .statusCode()
                        == 200);
        return vehicle;
    }

    private static Command awaitCommand(MqttTestClient vehicle, String commandId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> findCommand(vehicle, commandId), found -> found != null);
    }

    private static Command findCommand(MqttTestClient vehicle, String commandId) {
        for (MqttTestClient.Received received : vehicle.received()) {
            Command command = Json.decode(received.payload(), Command.class);
            if (command.commandId().equals(commandId)) {
                return command;
            }
        }
        return null;
    }

    private static void ack(MqttTestClient client, String vehicleId, Command command, CommandAckStatus status)
            throws Exception {
        CommandAck ack = new CommandAck(command.commandId(), vehicleId, status, Instant.now(), null);
        client.publish(Topics.commandAcks(FLEET, vehicleId), Json.encode(ack), false);
    }

    private static void awaitStatus(String commandId, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> status(commandId).equals(status));
    }

    private static String status(String commandId) throws Exception {
        return json(TrackerHarness.get(tracker, "/api/v1/commands/" + commandId))
                .get("status")
                .asText();
    }

    private static List<String> steps(String commandId) throws Exception {
        List<String> steps = new ArrayList<>();
        json(TrackerHarness.get(tracker, "/api/v1/commands/" + commandId))
                .get("steps")
                .forEach(step -> steps.add(step.get("status").asText()));
        return steps;
    }

    private static List<String> commandEventStatuses(String commandId) {
        List<String> statuses = new ArrayList<>();
        for (MqttTestClient.Received received : watcher.received()) {
            FleetEvent event = Json.decode(received.payload(), FleetEvent.class);
            if (event.type().equals("command-updated")
                    && commandId.equals(event.attributes().get("commandId"))) {
                statuses.add(event.attributes().get("status"));
            }
        }
        return statuses;
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        String credentials = TestUsers.DISPATCHER + ":" + TestUsers.passwordOf(TestUsers.DISPATCHER);
        HttpRequest request = HttpRequest.newBuilder(URI.create(tracker.httpBaseUri() + path))
                .timeout(Duration.ofSeconds(10))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }
}
