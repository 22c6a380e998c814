package org.fleettracker.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;

/** A command stored while the broker is down is published once the tracker has reconnected. */
@Timeout(180)
class CommandOutageIT {

    @TempDir
    Path folder;

    private EmbeddedBroker broker;
    private Tracker tracker;
    private TrackerSettings settings;

    @BeforeEach
    void startBrokerAndTracker() throws Exception {
        settings = TrackerHarness.settings(folder).build();
        broker = startBroker(0);
        settings = settings.toBuilder().brokerUrl(broker.serverUri()).build();
        tracker = Tracker.start(settings);
    }

    @AfterEach
    void stopAll() {
        tracker.close();
        broker.close();
    }

    @Test
    void outage_command_published_after_reconnect() throws Exception {
        int port = broker.port();
        broker.close();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> TrackerHarness.get(tracker, "/health").statusCode() == 503);

        // With an external broker the HTTP API cannot authenticate writes, so the command goes into the store directly.
        storeCommand("c-outage", "veh-out");
        // Longer than one sweep interval, so at least one publish attempt failed meanwhile.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> status("c-outage")
                .equals("stored"));

        broker = startBroker(port);

        await().atMost(Duration.ofSeconds(60)).until(() -> status("c-outage").equals("published"));
    }

    private void storeCommand(String commandId, String vehicleId) throws SQLException {
        Command command = Command.of(commandId, CommandType.REQUEST_POSITION, Instant.now(), "ann");
        String payload = new String(Json.encode(command), StandardCharsets.UTF_8);
        TrackerHarness.execute(
                settings.dataDir(),
                "INSERT INTO commands (command_id, fleet_id, vehicle_id, type, job_id, issued_by, issued_time,"
                        + " expires_time, status, reason, updated_time, request_hash, payload) VALUES ('" + commandId
                        + "', 'demo', '" + vehicleId + "', 'request-position', NULL, 'ann', CURRENT_TIMESTAMP, NULL,"
                        + " 'stored', NULL, CURRENT_TIMESTAMP, 'test', '" + payload + "')");
        TrackerHarness.execute(
                settings.dataDir(),
                "INSERT INTO command_steps (command_id, status, step_time, reason) VALUES ('" + commandId
                        + "', 'created', CURRENT_TIMESTAMP, NULL), ('" + commandId
                        + "', 'stored', CURRENT_TIMESTAMP, NULL)");
    }

    private String status(String commandId) throws IOException, InterruptedException {
        JsonNode body = Json.mapper()
                .readTree(TrackerHarness.get(tracker, "/api/v1/commands/" + commandId)
                        .body());
        return body.path("status").asText();
    }

    private EmbeddedBroker startBroker(int port) {
        return EmbeddedBroker.builder()
                .port(port)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(settings.usersFile()))
                .build()
                .start(Duration.ofSeconds(60));
    }
}
