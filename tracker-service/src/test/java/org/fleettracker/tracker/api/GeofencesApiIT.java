package org.fleettracker.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.internal.geofence.GeofenceRule;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.jspecify.annotations.Nullable;
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
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class GeofencesApiIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String PATH = "/api/v1/geofences";

    @TempDir
    static Path folder;

    private static Tracker tracker;

    @BeforeAll
    static void startTracker() throws Exception {
        tracker = Tracker.start(TrackerHarness.settings(folder)
                .geofencesFile(folder.resolve("no-geofences.geojson"))
                .build());
    }

    @AfterAll
    static void stopTracker() {
        tracker.close();
    }

    @Test
    void post_as_dispatcher_creates_geofence() throws Exception {
        HttpResponse<String> response = send("POST", PATH, TestUsers.DISPATCHER, circle("created", 46.05, 14.50));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue(PATH + "/created");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/geo+json");
        JsonNode feature = Json.mapper().readTree(response.body());
        assertThat(feature.path("properties").path("source").asText()).isEqualTo("api");
        assertThat(send("GET", PATH + "/created", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void post_with_a_taken_id_is_409() throws Exception {
        send("POST", PATH, TestUsers.DISPATCHER, circle("taken", 46.05, 14.50));

        HttpResponse<String> response = send("POST", PATH, TestUsers.DISPATCHER, circle("taken", 46.05, 14.50));

        assertThat(response.statusCode()).isEqualTo(409);
    }

    @Test
    void post_as_viewer_is_403() throws Exception {
        HttpResponse<String> response = send("POST", PATH, TestUsers.VIEWER, circle("by-viewer", 46.05, 14.50));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(send("GET", PATH + "/by-viewer", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void post_without_credentials_is_401() throws Exception {
        HttpResponse<String> response = send("POST", PATH, null, circle("anonymous", 46.05, 14.50));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void bad_body_is_400_naming_field() throws Exception {
        String noFleet = circle("bad", 46.05, 14.50).replace("\"fleetId\":\"demo\",", "");

        HttpResponse<String> response = send("POST", PATH, TestUsers.DISPATCHER, noFleet);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(response.body()).path("message").asText())
                .isEqualTo("invalid geofence: properties.fleetId: is required");
    }

    @Test
    void non_json_body_is_400() throws Exception {
        HttpResponse<String> response = send("POST", PATH, TestUsers.DISPATCHER, "{\"type\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not valid JSON");
    }

    @Test
    void list_by_fleet_returns_feature_collection() throws Exception {
        send("POST", PATH, TestUsers.DISPATCHER, circle("listed", 46.05, 14.50));

        HttpResponse<String> response = send("GET", PATH + "?fleetId=demo", null, null);
        HttpResponse<String> otherFleet = send("GET", PATH + "?fleetId=north", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode collection = Json.mapper().readTree(response.body());
        assertThat(collection.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(collection.path("features").findValuesAsText("id")).contains("listed");
        assertThat(Json.mapper().readTree(otherFleet.body()).path("features")).isEmpty();
    }

    @Test
    void put_replaces_geofence() throws Exception {
        send("POST", PATH, TestUsers.DISPATCHER, circle("moved", 46.05, 14.50));

        HttpResponse<String> response =
                send("PUT", PATH + "/moved", TestUsers.DISPATCHER, circle("moved", 46.06, 14.51));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode stored =
                Json.mapper().readTree(send("GET", PATH + "/moved", null, null).body());
        assertThat(stored.path("geometry").path("coordinates").get(1).asDouble())
                .isEqualTo(46.06);
    }

    @Test
    void delete_removes_geofence() throws Exception {
        send("POST", PATH, TestUsers.DISPATCHER, circle("deleted", 46.05, 14.50));

        HttpResponse<String> response = send("DELETE", PATH + "/deleted", TestUsers.DISPATCHER, null);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(send("GET", PATH + "/deleted", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void delete_of_unknown_geofence_is_404() throws Exception {
        HttpResponse<String> response = send("DELETE", PATH + "/never-created", TestUsers.DISPATCHER, null);

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void telemetry_into_created_geofence_publishes_entered_event() throws Exception {
        send("POST", PATH, TestUsers.DISPATCHER, circle("gate", 45.50, 13.50));
        Instant fixTime = Instant.now().minusSeconds(5);
        try (MqttTestClient dispatcher =
                        MqttTestClient.connect(tracker.mqttServerUri(), "geofence-it-events", TestUsers.DISPATCHER);
                MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), "gate-v1")) {
            dispatcher.subscribe(Topics.events(TestUsers.FLEET));

            vehicle.publishFix(TestUsers.FLEET, Fixes.fix("gate-v1", 1, fixTime, 45.50, 13.50));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !dispatcher.received().isEmpty());
            FleetEvent event = Json.decode(dispatcher.received().get(0).payload(), FleetEvent.class);
            assertThat(event.type()).isEqualTo(GeofenceRule.ENTERED);
            assertThat(event.vehicleId()).isEqualTo("gate-v1");
            assertThat(event.attributes()).containsEntry("geofenceId", "gate");
        }
    }

    private static String circle(String id, double latitudeDeg, double longitudeDeg) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + longitudeDeg + ","
                + latitudeDeg + "]},\"properties\":{\"id\":\"" + id + "\",\"fleetId\":\"demo\",\"radiusM\":300}}";
    }

    private static HttpResponse<String> send(
            String method, String path, @Nullable String username, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tracker.httpBaseUri() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (username != null) {
            String credentials = username + ":" + TestUsers.passwordOf(username);
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
