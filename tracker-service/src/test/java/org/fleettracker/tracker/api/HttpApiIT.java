package org.fleettracker.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The read-only HTTP API against a running tracker with one vehicle of ten stored fixes. */
@Timeout(120)
class HttpApiIT {

    private static final String VEHICLE = "http-v1";

    @TempDir
    static Path folder;

    private static Tracker tracker;
    private static List<Telemetry> track;

    @BeforeAll
    static void startTrackerWithOneVehicle() throws Exception {
        tracker = Tracker.start(TrackerHarness.settings(folder).build());
        track = Fixes.track(VEHICLE, 500, 10);
        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), VEHICLE)) {
            for (Telemetry fix : track) {
                vehicle.publishFix(TestUsers.FLEET, fix);
            }
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TrackerHarness.metric(tracker, "tracker_positions_stored_total") == track.size());
    }

    @AfterAll
    static void stopTracker() {
        tracker.close();
    }

    @Test
    void vehicle_list_contains_the_state_of_each_vehicle() throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, "/api/v1/vehicles");

        JsonNode body = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(body.get("vehicles")).hasSize(1);
        assertThat(body.get("vehicles").get(0).get("vehicleId").asText()).isEqualTo(VEHICLE);
    }

    @Test
    void vehicle_state_is_its_latest_fix() throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE);

        JsonNode body = json(response);
        Telemetry last = track.get(track.size() - 1);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("fleetId").asText()).isEqualTo(TestUsers.FLEET);
        assertThat(body.get("seq").asLong()).isEqualTo(last.seq());
        assertThat(body.get("latitudeDeg").asDouble()).isEqualTo(last.latitudeDeg());
        assertThat(body.get("fixTime").asText()).isEqualTo(last.fixTime().toString());
        assertThat(body.get("status").asText()).isEqualTo("moving");
    }

    @Test
    void unknown_vehicle_is_404_json() throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, "/api/v1/vehicles/no-such-vehicle");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("not_found");
        assertThat(json(response).get("message").asText()).contains("no-such-vehicle");
    }

    @Test
    void positions_of_unknown_vehicle_are_404() throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, "/api/v1/vehicles/no-such-vehicle/positions");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void positions_default_to_all_in_order() throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE + "/positions");

        JsonNode body = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("vehicleId").asText()).isEqualTo(VEHICLE);
        assertThat(body.get("fleetId").asText()).isEqualTo(TestUsers.FLEET);
        assertThat(body.get("positions")).hasSize(track.size());
        for (int i = 0; i < track.size(); i++) {
            JsonNode position = body.get("positions").get(i);
            assertThat(position.get("seq").asLong()).isEqualTo(track.get(i).seq());
            assertThat(position.get("fixTime").asText())
                    .isEqualTo(track.get(i).fixTime().toString());
            assertThat(position.get("longitudeDeg").asDouble())
                    .isEqualTo(track.get(i).longitudeDeg());
            assertThat(position.has("receivedTime")).isTrue();
            assertThat(position.get("flags").isArray()).isTrue();
            assertThat(position.get("flags")).isEmpty();
        }
    }

    @Test
    void positions_range_and_limit_select_a_slice() throws Exception {
        String from = track.get(2).fixTime().toString();
        String to = URLEncoder.encode(track.get(8).fixTime().toString().replace("Z", "+00:00"), StandardCharsets.UTF_8);

        HttpResponse<String> response = TrackerHarness.get(
                tracker, "/api/v1/vehicles/" + VEHICLE + "/positions?from=" + from + "&to=" + to + "&limit=3");

        JsonNode positions = json(response).get("positions");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(positions).hasSize(3);
        assertThat(positions.get(0).get("seq").asLong()).isEqualTo(track.get(2).seq());
        assertThat(positions.get(2).get("seq").asLong()).isEqualTo(track.get(4).seq());
    }

    @ParameterizedTest
    @CsvSource({
        "from=yesterday, from",
        "to=2026-03-01T08:00:00, to",
        "to=2026-03-01T08:00:00+01:00, to",
        "limit=0, limit",
        "limit=10001, limit",
        "limit=ten, limit",
        "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z, to"
    })
    void bad_positions_parameter_is_400_naming_it(String query, String parameter) throws Exception {
        HttpResponse<String> response =
                TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE + "/positions?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("bad_request");
        assertThat(json(response).get("parameter").asText()).isEqualTo(parameter);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/api/v2/anything",
                "/health/x",
                "/healthz",
                "/metricsfoo",
                "/metrics/",
                "/api/v1/vehiclesX",
                "/api/v1/vehicles/",
                "/api/v1/vehicles//positions",
                "/api/v1/vehicles/" + VEHICLE + "/",
                "/api/v1/vehicles/" + VEHICLE + "/positions/",
                "/api/v1/vehicles/" + VEHICLE + "/positionsX",
                "/api/v1/vehicles/" + VEHICLE + "/positions/x"
            })
    void path_that_is_no_exact_route_is_404_json(String path) throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(json(response).get("error").asText()).isEqualTo("not_found");
        assertThat(json(response).get("message").asText()).isEqualTo("no resource at " + path);
    }

    @Test
    void post_to_known_route_is_405_json() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tracker.httpBaseUri() + "/health"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(json(response).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void limit_beyond_int_range_is_out_of_range() throws Exception {
        HttpResponse<String> response =
                TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE + "/positions?limit=99999999999");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("parameter").asText()).isEqualTo("limit");
        assertThat(json(response).get("message").asText()).isEqualTo("limit 99999999999 is out of range [1, 10000]");
    }

    @Test
    void huge_vehicle_id_is_cut_in_the_404_message() throws Exception {
        String id = "v".repeat(100_000);

        HttpResponse<String> response = TrackerHarness.get(tracker, "/api/v1/vehicles/" + id);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("message").asText()).isEqualTo("vehicle '" + "v".repeat(80) + "...' not found");
    }

    @Test
    void huge_unknown_path_is_cut_in_the_404_message() throws Exception {
        String path = "/" + "p".repeat(100_000);

        HttpResponse<String> response = TrackerHarness.get(tracker, path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("message").asText()).isEqualTo("no resource at /" + "p".repeat(79) + "...");
    }

    @Test
    void huge_bad_parameter_is_cut_in_the_400_message() throws Exception {
        String from = "y".repeat(100_000);

        HttpResponse<String> response =
                TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE + "/positions?from=" + from);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).startsWith("from '" + "y".repeat(80) + "...' is not");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=%", "%zz=1", "from=%E"})
    void invalid_percent_escape_is_400(String query) throws Exception {
        // NOTE: the JDK server rejects such a request line before any handler runs, so the body is its HTML page.
        String statusLine = rawStatusLine("GET /api/v1/vehicles/" + VEHICLE + "/positions?" + query + " HTTP/1.1");

        assertThat(statusLine).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void health_is_up_with_each_part() throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, "/health");

        JsonNode body = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("broker").asText()).isEqualTo("UP");
        assertThat(body.get("database").asText()).isEqualTo("UP");
        assertThat(body.get("subscription").asText()).isEqualTo("UP");
        assertThat(body.get("ingest").asText()).isEqualTo("UP");
    }

    @Test
    void metrics_contain_the_tracker_counters() throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("tracker_messages_received_total{kind=\"telemetry\"} 10.0")
                .contains("tracker_positions_stored_total 10.0")
                .contains("tracker_positions_duplicates_total{kind=\"seq\"} 0.0")
                .contains("tracker_positions_duplicates_total{kind=\"fix\"} 0.0")
                .contains("tracker_positions_flagged_total{flag=\"outlier\"} 0.0")
                .contains("tracker_fix_time_corrections_total 0.0")
                .contains("tracker_messages_rejected_total{reason=\"malformed_json\"} 0.0")
                .contains("tracker_batch_commit_seconds_count")
                .contains("tracker_vehicles 1.0");
    }

    /** Sends one request line over a plain socket, bypassing the URI checks of {@link HttpClient}. */
    private static String rawStatusLine(String requestLine) throws Exception {
        try (Socket socket = new Socket(
                tracker.httpBaseUri().getHost(), tracker.httpBaseUri().getPort())) {
            socket.setSoTimeout(10_000);
            String request = requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String statusLine = reader.readLine();
            return statusLine == null ? "" : statusLine;
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }
}
