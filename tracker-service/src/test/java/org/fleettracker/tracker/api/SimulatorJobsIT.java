package org.fleettracker.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.simulator.api.JobCounts;
import org.fleettracker.simulator.api.Simulator;
import org.fleettracker.simulator.api.SimulatorSettings;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Generated vehicles doing dispatch jobs that the tracker's HTTP API created: the tracker detects, from positions
 * alone, that the vehicle arrives at and leaves each stop in order, and the vehicle acks the command completed.
 *
 * <p>The vehicles' clock runs {@link #SPEEDUP} times faster than the wall clock, so a job of several simulated
 * minutes takes seconds. Their fix times therefore run ahead of the tracker's clock, which accepts them because the
 * test raises {@code ingest.max-fix-time-ahead}.
 */
@Timeout(150)
class SimulatorJobsIT {

    private static final String PREFIX = "jobs-";
    private static final double SPEEDUP = 20;
    private static final double CENTER_LAT_DEG = SimulatorSettings.DEFAULT_CENTER_LATITUDE_DEG;
    private static final double CENTER_LON_DEG = SimulatorSettings.DEFAULT_CENTER_LONGITUDE_DEG;
    /** About 500 m of latitude. */
    private static final double NORTH_500_M_DEG = 0.0045;
    /** About 500 m of longitude at the centre's latitude. */
    private static final double EAST_500_M_DEG = 0.0065;

    @TempDir
    Path folder;

    @Test
    void simulated_vehicle_completes_job() throws Exception {
        try (Tracker tracker = startTracker();
                MqttTestClient dispatcher =
                        MqttTestClient.connect(tracker.mqttServerUri(), "jobs-dispatcher", TestUsers.DISPATCHER);
                Simulator simulator = Simulator.start(simulatorSettings(tracker))) {
            dispatcher.subscribe(Topics.events(TestUsers.FLEET));
            String vehicleId = awaitKnownVehicle(tracker, simulator);

            String stops = stop("bakery", CENTER_LAT_DEG + NORTH_500_M_DEG, CENTER_LON_DEG) + ","
                    + stop("school", CENTER_LAT_DEG, CENTER_LON_DEG + EAST_500_M_DEG);
            JsonNode created = createJob(tracker, "round-1", vehicleId, stops);

            await().atMost(Duration.ofSeconds(90))
                    .until(() -> job(tracker, "round-1").get("status").asText().equals("completed"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> commandStatus(tracker, created.get("commandId").asText())
                            .equals("completed"));
            // The events reach the dispatcher's subscription after the job status is stored.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jobEvents(dispatcher, vehicleId))
                    .containsExactly(
                            "job-stop-arrived:bakery",
                            "job-stop-departed:bakery",
                            "job-stop-arrived:school",
                            "job-stop-departed:school",
                            "job-completed:"));
            JobCounts jobs = simulator.summary().jobs();
            assertThat(jobs.accepted()).isEqualTo(1);
            assertThat(jobs.stopsReached()).isEqualTo(2);
            assertThat(jobs.completed()).isEqualTo(1);
        }
    }

    @Test
    void far_stop_job_is_rejected() throws Exception {
        try (Tracker tracker = startTracker();
                Simulator simulator = Simulator.start(simulatorSettings(tracker))) {
            String vehicleId = awaitKnownVehicle(tracker, simulator);

            // About 50 km north of the simulated city of 1 km radius.
            String stops = stop("far-away", CENTER_LAT_DEG + 0.45, CENTER_LON_DEG);
            JsonNode created = createJob(tracker, "far-1", vehicleId, stops);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> job(tracker, "far-1").get("status").asText().equals("rejected"));
            JsonNode command = command(tracker, created.get("commandId").asText());
            assertThat(command.get("status").asText()).isEqualTo("rejected");
            assertThat(command.get("reason").asText()).contains("stop 'far-away'", "from the nearest street");
            assertThat(simulator.summary().jobs().rejected()).isEqualTo(1);
        }
    }

    private Tracker startTracker() throws Exception {
        IngestSettings ingest = IngestSettings.defaults().withMaxFixTimeAhead(Duration.ofHours(2));
        return Tracker.start(TrackerHarness.settings(folder).ingest(ingest).build());
    }

    private static SimulatorSettings simulatorSettings(Tracker tracker) {
        return SimulatorSettings.builder()
                .brokerUrl(tracker.mqttServerUri())
                .username(TestUsers.DEMO_VEHICLES)
                .password(TestUsers.VEHICLE_PASSWORD)
                .fleetId(TestUsers.FLEET)
                .vehicleCount(3)
                .vehicleIdPrefix(PREFIX)
                .radiusKm(1)
                .interval(Duration.ofSeconds(1))
                .speedup(SPEEDUP)
                .jobDwell(Duration.ofSeconds(30))
                .seed(17)
                .build();
    }

    private static String awaitKnownVehicle(Tracker tracker, Simulator simulator) {
        String vehicleId = simulator.vehicleIds().get(0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TrackerHarness.get(tracker, "/api/v1/vehicles/" + vehicleId)
                                .statusCode()
                        == 200);
        return vehicleId;
    }

    private static String stop(String stopId, double latitudeDeg, double longitudeDeg) {
        return String.format(
                Locale.ROOT,
                "{\"stopId\":\"%s\",\"kind\":\"drop-off\",\"name\":\"%s\",\"latitudeDeg\":%.6f,"
                        + "\"longitudeDeg\":%.6f,\"radiusM\":60}",
                stopId,
                stopId,
                latitudeDeg,
                longitudeDeg);
    }

    private static JsonNode createJob(Tracker tracker, String jobId, String vehicleId, String stops) throws Exception {
        String body = "{\"jobId\":\"" + jobId + "\",\"vehicleId\":\"" + vehicleId + "\",\"stops\":[" + stops + "]}";

        HttpResponse<String> created = TrackerHarness.sendJson(
                tracker, "POST", "/api/v1/jobs", TrackerHarness.basic(TestUsers.DISPATCHER), body);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.mapper().readTree(created.body());
    }

    private static JsonNode job(Tracker tracker, String jobId) throws Exception {
        return Json.mapper()
                .readTree(TrackerHarness.get(tracker, "/api/v1/jobs/" + jobId).body());
    }

    private static JsonNode command(Tracker tracker, String commandId) throws Exception {
        return Json.mapper()
                .readTree(TrackerHarness.get(tracker, "/api/v1/commands/" + commandId)
                        .body());
    }

    private static String commandStatus(Tracker tracker, String commandId) throws Exception {
        return command(tracker, commandId).get("status").asText();
    }

    /** Returns the vehicle's job events as {@code type:stopId}, in the order they were published. */
    private static List<String> jobEvents(MqttTestClient dispatcher, String vehicleId) {
        return dispatcher.received().stream()
                .map(message -> Json.decode(message.payload(), FleetEvent.class))
                .filter(event -> vehicleId.equals(event.vehicleId()))
                .filter(event -> event.type().startsWith("job-"))
                .map(event -> event.type() + ":" + event.attributes().getOrDefault("stopId", ""))
                .toList();
    }
}
