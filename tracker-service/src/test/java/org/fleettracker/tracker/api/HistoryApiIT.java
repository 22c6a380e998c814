package org.fleettracker.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.EventSeverity;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.EventStore;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.MutableClock;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** History endpoints of a running tracker: positions paging, events, alerts and their acknowledgement, exports. */
@Timeout(120)
class HistoryApiIT {

    private static final String VEHICLE = "history-v1";
    private static final int FIXES = 250;
    private static final int EXPORT_MAX_POSITIONS = 200;
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path folder;

    private static Tracker tracker;
    private static List<Telemetry> track;
    private static final MutableClock CLOCK = new MutableClock(NOW);

    @BeforeAll
    static void startTrackerWithOneVehicle() throws Exception {
        tracker = Tracker.start(
                TrackerHarness.settings(folder)
                        .exportMaxPositions(EXPORT_MAX_POSITIONS)
                        .build(),
                CLOCK);
        track = Fixes.track(VEHICLE, 1, FIXES);
        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), VEHICLE)) {
            for (Telemetry fix : track) {
                vehicle.publishFix(TestUsers.FLEET, fix);
            }
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TrackerHarness.metric(tracker, "tracker_positions_stored_total") == FIXES);
    }

    @AfterAll
    static void stopTracker() {
        tracker.close();
    }

    @Test
    void positions_page_through_without_gaps_or_duplicates() throws Exception {
        List<Long> seqs = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            String path =
                    "/api/v1/vehicles/" + VEHICLE + "/positions?limit=100" + (cursor == null ? "" : "&after=" + cursor);
            JsonNode body = json(TrackerHarness.get(tracker, path));
            pageSizes.add(body.get("positions").size());
            body.get("positions")
                    .forEach(position -> seqs.add(position.get("seq").asLong()));
            cursor = body.get("nextCursor").isNull()
                    ? null
                    : body.get("nextCursor").asText();
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(100, 100, 50);
        assertThat(new HashSet<>(seqs)).hasSize(FIXES);
        assertThat(seqs).isSorted();
        assertThat(seqs.get(0)).isEqualTo(1);
        assertThat(seqs.get(FIXES - 1)).isEqualTo(FIXES);
    }

    @Test
    void tampered_positions_cursor_is_400() throws Exception {
        JsonNode first = json(TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE + "/positions?limit=10"));
        String cursor = first.get("nextCursor").asText();
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String tampered = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.replace("\n10\n", "\n11\n").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response =
                TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE + "/positions?limit=10&after=" + tampered);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("parameter").asText()).isEqualTo("after");
    }

    @Test
    void events_list_filters_by_type_and_vehicle() throws Exception {
        String eventId = storeEvent("overspeed", EventSeverity.WARNING, false);

        JsonNode body = json(TrackerHarness.get(
                tracker, "/api/v1/events?fleetId=" + TestUsers.FLEET + "&vehicleId=" + VEHICLE + "&type=overspeed"));

        assertThat(body.get("items"))
                .extracting(item -> item.get("eventId").asText())
                .contains(eventId);
        assertThat(body.get("items"))
                .allSatisfy(item -> assertThat(item.get("type").asText()).isEqualTo("overspeed"));
        assertThat(body.has("nextCursor")).isTrue();
    }

    @Test
    void event_by_id_has_severity_and_alert() throws Exception {
        String eventId = storeEvent("panic", EventSeverity.CRITICAL, true);

        JsonNode body = json(TrackerHarness.get(tracker, "/api/v1/events/" + eventId));

        assertThat(body.get("severity").asText()).isEqualTo("critical");
        assertThat(body.get("alert").asBoolean()).isTrue();
        assertThat(body.get("fleetId").asText()).isEqualTo(TestUsers.FLEET);
        assertThat(body.has("acknowledgedBy")).isFalse();
    }

    @Test
    void unknown_event_is_404() throws Exception {
        assertThat(TrackerHarness.get(tracker, "/api/v1/events/no-such-event").statusCode())
                .isEqualTo(404);
    }

    @Test
    void open_alerts_list_leaves_out_plain_events() throws Exception {
        String alertId = storeEvent("panic", EventSeverity.CRITICAL, true);
        String plainId = storeEvent("trip-started", EventSeverity.INFO, false);

        JsonNode body = json(TrackerHarness.get(tracker, "/api/v1/alerts?fleetId=" + TestUsers.FLEET));

        List<String> ids = new ArrayList<>();
        body.get("items").forEach(item -> ids.add(item.get("eventId").asText()));
        assertThat(ids).contains(alertId).doesNotContain(plainId);
    }

    @Test
    void dispatcher_acknowledges_alert_once() throws Exception {
        String alertId = storeEvent("panic", EventSeverity.CRITICAL, true);
        CLOCK.set(NOW.plusSeconds(60));
        try (MqttTestClient listener =
                MqttTestClient.connect(tracker.mqttServerUri(), "history-listener", TestUsers.DISPATCHER)) {
            listener.subscribe(Topics.events(TestUsers.FLEET));

            HttpResponse<String> first = acknowledge(alertId, TestUsers.DISPATCHER, "{\"note\": \"called driver\"}");
            HttpResponse<String> second = acknowledge(alertId, TestUsers.DISPATCHER, null);

            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode stored = json(first);
            assertThat(stored.get("acknowledgedBy").asText()).isEqualTo(TestUsers.DISPATCHER);
            assertThat(stored.get("acknowledgedTime").asText())
                    .isEqualTo(NOW.plusSeconds(60).toString());
            assertThat(stored.get("note").asText()).isEqualTo("called driver");
            assertThat(second.statusCode()).isEqualTo(409);
            FleetEvent published = awaitAcknowledgedEvent(listener, alertId);
            assertThat(published.attributes()).containsEntry("acknowledgedBy", TestUsers.DISPATCHER);
            assertThat(published.vehicleId()).isEqualTo(VEHICLE);
        }
    }

    @Test
    void acknowledged_alert_leaves_open_list() throws Exception {
        String alertId = storeEvent("panic", EventSeverity.CRITICAL, true);

        acknowledge(alertId, TestUsers.DISPATCHER, null);

        assertThat(alertIds("open")).doesNotContain(alertId);
        assertThat(alertIds("acknowledged")).contains(alertId);
        assertThat(alertIds("all")).contains(alertId);
    }

    @Test
    void viewer_may_not_acknowledge() throws Exception {
        String alertId = storeEvent("panic", EventSeverity.CRITICAL, true);

        HttpResponse<String> response = acknowledge(alertId, TestUsers.VIEWER, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(alertIds("open")).contains(alertId);
    }

    @Test
    void acknowledging_plain_event_is_409() throws Exception {
        String eventId = storeEvent("trip-started", EventSeverity.INFO, false);

        assertThat(acknowledge(eventId, TestUsers.DISPATCHER, null).statusCode())
                .isEqualTo(409);
    }

    @Test
    void acknowledging_unknown_alert_is_404() throws Exception {
        assertThat(acknowledge("no-such-alert", TestUsers.DISPATCHER, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void gpx_export_is_an_attachment() throws Exception {
        HttpResponse<String> response =
                TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE + "/positions.gpx?" + firstHundred());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + VEHICLE + "-positions.gpx\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/gpx+xml; charset=utf-8");
        assertThat(response.body()).contains("<trkpt").contains("version=\"1.1\"");
    }

    @Test
    void csv_export_has_a_row_per_position() throws Exception {
        HttpResponse<String> response =
                TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE + "/positions.csv?" + firstHundred());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().split("\r\n")).hasSize(1 + 100);
    }

    @Test
    void export_beyond_maximum_is_400() throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE + "/positions.csv");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText())
                .isEqualTo("the range contains 250 positions, more than the export maximum of 200;"
                        + " narrow from and to, or page the positions list");
    }

    @Test
    void export_with_bad_flag_is_400() throws Exception {
        HttpResponse<String> response =
                TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE + "/positions.geojson?points=yes");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("parameter").asText()).isEqualTo("points");
    }

    @Test
    void openapi_document_is_served() throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, "/api/v1/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("openapi: 3.1");
    }

    /** Returns the query of a range that contains the first 100 fixes of the track. */
    private static String firstHundred() {
        return "from=" + track.get(0).fixTime() + "&to=" + track.get(100).fixTime();
    }

    private static String storeEvent(String type, EventSeverity severity, boolean alert) throws Exception {
        FleetEvent event = new FleetEvent(
                "e-" + System.nanoTime(), type, VEHICLE, track.get(0).fixTime(), severity, alert, Map.of());
        try (Connection connection = DriverManager.getConnection(Database.jdbcUrl(folder.resolve("data")), "sa", "")) {
            new EventStore().insert(connection, TestUsers.FLEET, event, NOW);
        }
        return event.eventId();
    }

    private static HttpResponse<String> acknowledge(String alertId, String username, @Nullable String body)
            throws Exception {
        String credentials = username + ":" + TestUsers.passwordOf(username);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(tracker.httpBaseUri() + "/api/v1/alerts/" + alertId + "/acknowledge"))
                .timeout(Duration.ofSeconds(10))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> alertIds(String state) throws Exception {
        JsonNode body = json(TrackerHarness.get(
                tracker, "/api/v1/alerts?fleetId=" + TestUsers.FLEET + "&state=" + state + "&limit=10000"));
        Set<String> ids = new HashSet<>();
        body.get("items").forEach(item -> ids.add(item.get("eventId").asText()));
        return ids;
    }

    private static FleetEvent awaitAcknowledgedEvent(MqttTestClient listener, String alertId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> listener.received().stream()
                                .map(message -> Json.decode(message.payload(), FleetEvent.class))
                                .filter(event -> event.type().equals("alert-acknowledged"))
                                .filter(event ->
                                        alertId.equals(event.attributes().get("alertId")))
                                .findFirst()
                                .orElse(null),
                        event -> event != null);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }
}
