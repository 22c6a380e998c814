package org.fleettracker.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackBuilder;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The trips endpoints and the trips CSV export against a running tracker with one vehicle that made two trips. */
@Timeout(120)
class TripsApiIT {

    private static final String VEHICLE = "trips-v1";
    private static final String TRIPS = "/api/v1/vehicles/" + VEHICLE + "/trips";

    @TempDir
    static Path folder;

    private static Tracker tracker;

    @BeforeAll
    static void startTrackerWithTwoTrips() throws Exception {
        tracker = Tracker.start(TrackerHarness.settings(folder).build());
        List<Telemetry> route = new TrackBuilder(VEHICLE, Fixes.START, 52.5, 13.4)
                .halt(Duration.ofMinutes(4))
                .driveTo(52.509, 13.4, 36)
                .halt(Duration.ofMinutes(4))
                .driveTo(52.5, 13.4, 54)
                .halt(Duration.ofMinutes(4))
                .fixes();
        try (MqttTestClient vehicle = MqttTestClient.vehicle(tracker.mqttServerUri(), VEHICLE)) {
            for (Telemetry fix : route) {
                vehicle.publishFix(TestUsers.FLEET, fix);
            }
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TrackerHarness.metric(tracker, "tracker_positions_stored_total") == route.size());
    }

    @AfterAll
    static void stopTracker() {
        tracker.close();
    }

    @Test
    void trips_list_contains_both_closed_trips() throws Exception {
        JsonNode body = json(TrackerHarness.get(tracker, TRIPS));

        assertThat(body.get("items")).hasSize(2);
        assertThat(body.get("items").get(0).get("open").asBoolean()).isFalse();
        assertThat(body.get("items").get(1).get("maxSpeedKmh").asDouble()).isEqualTo(54);
        assertThat(body.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void trips_list_pages_with_the_cursor() throws Exception {
        JsonNode all = json(TrackerHarness.get(tracker, TRIPS)).get("items");

        JsonNode first = json(TrackerHarness.get(tracker, TRIPS + "?limit=1"));
        String cursor = first.get("nextCursor").asText();
        JsonNode second = json(TrackerHarness.get(tracker, TRIPS + "?limit=1&after=" + cursor));

        assertThat(first.get("items").get(0).get("tripId")).isEqualTo(all.get(0).get("tripId"));
        assertThat(second.get("items").get(0).get("tripId"))
                .isEqualTo(all.get(1).get("tripId"));
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void trip_by_id_matches_the_list_entry() throws Exception {
        JsonNode listed = json(TrackerHarness.get(tracker, TRIPS)).get("items").get(1);

        JsonNode trip = json(TrackerHarness.get(
                tracker, "/api/v1/trips/" + listed.get("tripId").asText()));

        assertThat(trip).isEqualTo(listed);
    }

    @Test
    void stops_list_has_an_open_stop_last() throws Exception {
        JsonNode items = json(TrackerHarness.get(tracker, "/api/v1/vehicles/" + VEHICLE + "/stops"))
                .get("items");

        assertThat(items).hasSize(3);
        assertThat(items.get(2).get("open").asBoolean()).isTrue();
        assertThat(items.get(2).has("endTime")).isFalse();
    }

    @Test
    void csv_export_matches_the_trips_list() throws Exception {
        JsonNode items = json(TrackerHarness.get(tracker, TRIPS)).get("items");

        HttpResponse<String> response = TrackerHarness.get(tracker, TRIPS + ".csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"trips-" + VEHICLE + ".csv\"");
        List<List<String>> rows = parseCsv(response.body());
        assertThat(rows).hasSize(items.size() + 1);
        List<String> header = rows.get(0);
        for (int i = 0; i < items.size(); i++) {
            JsonNode trip = items.get(i);
            List<String> row = rows.get(i + 1);
            assertThat(field(header, row, "trip_id"))
                    .isEqualTo(trip.get("tripId").asText());
            assertThat(field(header, row, "start_time"))
                    .isEqualTo(trip.get("startTime").asText());
            assertThat(field(header, row, "end_time"))
                    .isEqualTo(trip.get("endTime").asText());
            assertThat(Double.parseDouble(field(header, row, "distance_m")))
                    .isCloseTo(trip.get("distanceM").asDouble(), within(0.001));
            assertThat(Double.parseDouble(field(header, row, "max_speed_kmh")))
                    .isCloseTo(trip.get("maxSpeedKmh").asDouble(), within(0.001));
            assertThat(Long.parseLong(field(header, row, "duration_s")))
                    .isEqualTo(trip.get("durationS").asLong());
            assertThat(field(header, row, "open")).isEqualTo(trip.get("open").asText());
        }
    }

    @Test
    void csv_export_ends_every_line_with_crlf() throws Exception {
        String body = TrackerHarness.get(tracker, TRIPS + ".csv").body();

        assertThat(body).endsWith("\r\n");
        assertThat(body.replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void trips_of_an_unknown_vehicle_are_not_found() throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, "/api/v1/vehicles/nobody/trips");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void invalid_cursor_is_a_bad_request() throws Exception {
        HttpResponse<String> response = TrackerHarness.get(tracker, TRIPS + "?after=not-a-cursor");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(response.body()).get("parameter").asText())
                .isEqualTo("after");
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static String field(List<String> header, List<String> row, String name) {
        return row.get(header.indexOf(name));
    }

    /** Parses RFC 4180 CSV: quoted fields may contain commas, doubled quotes and line breaks. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
