package org.fleettracker.console.internal.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.fleettracker.protocol.api.CommandType;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.JobStop;
import org.fleettracker.protocol.api.JobStopKind;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackerApiClientTest {

    private static final Instant FROM = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-01T10:00:00Z");

    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Seen> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private @Nullable String token;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void positions_follow_next_cursor() throws Exception {
        reply("/api/v1/vehicles/van-1/positions", null, 200, positionsPage("c1", 0));
        reply("/api/v1/vehicles/van-1/positions", "c1", 200, positionsPage(null, 2));

        List<HistoryPosition> positions = client().positions("van-1", FROM, TO, 100);

        assertThat(positions).hasSize(4);
        assertThat(positions.get(3).fixTime()).isEqualTo(FROM.plusSeconds(3));
        assertThat(positions.get(0).speedKmh()).isEqualTo(30.0);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).query()).contains("from=2026-03-01T09%3A00%3A00Z");
        assertThat(requests.get(1).query()).contains("after=c1");
    }

    @Test
    void positions_stop_at_the_maximum() throws Exception {
        reply("/api/v1/vehicles/van-1/positions", null, 200, positionsPage("c1", 0));

        List<HistoryPosition> positions = client().positions("van-1", FROM, TO, 2);

        assertThat(positions).hasSize(2);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).query()).contains("limit=2");
    }

    @Test
    void events_are_newest_first_within_the_limit() throws Exception {
        reply("/api/v1/events", null, 200, eventsPage("c1", 0, 1));
        reply("/api/v1/events", "c1", 200, eventsPage(null, 2, 3));

        List<FleetEvent> events = client().events(null, FROM, TO, 3);

        assertThat(events).extracting(FleetEvent::eventId).containsExactly("e-3", "e-2", "e-1");
        assertThat(requests.get(0).query()).contains("fleetId=demo");
    }

    @Test
    void alerts_of_several_fleets_merge_newest_first_within_the_limit() throws Exception {
        replies.put("/api/v1/alerts#north", new Reply(200, eventsPage("north", "n-", 0, 5)));
        replies.put("/api/v1/alerts#south", new Reply(200, eventsPage("south", "s-", 3, 4)));
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        TrackerApiClient client =
                new TrackerApiClient(url, List.of("north", "south"), "dispatcher", "secret", () -> null);

        List<FleetEvent> alerts = client.alerts(TrackerApi.AlertState.OPEN, 4);

        // Same time: the larger event id first, as the API's (time, id) order read backwards.
        assertThat(alerts).extracting(FleetEvent::eventId).containsExactly("n-5", "s-4", "n-4", "s-3");
        assertThat(requests).extracting(Seen::query).allMatch(query -> query.contains("state=open"));
        assertThat(requests).extracting(seen -> fleetParameter(seen.query())).containsExactly("north", "south");
    }

    @Test
    void events_of_one_vehicle_need_no_fleet() throws Exception {
        reply("/api/v1/events", null, 200, eventsPage(null, 0, 1));
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        TrackerApiClient client =
                new TrackerApiClient(url, List.of("north", "south"), "dispatcher", "secret", () -> null);

        List<FleetEvent> events = client.events("van-1", FROM, TO, 10);

        assertThat(events).extracting(FleetEvent::eventId).containsExactly("e-1", "e-0");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).query()).contains("vehicleId=van-1").doesNotContain("fleetId");
    }

    @Test
    void read_error_names_status_and_tracker_message() {
        reply("/api/v1/alerts", null, 400, "{\"error\":\"bad_request\",\"message\":\"state 'x' is invalid\"}");

        assertThatThrownBy(() -> client().alerts(TrackerApi.AlertState.OPEN, 10))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("state 'x' is invalid");
    }

    @Test
    void write_uses_basic_without_token() throws Exception {
        reply("/api/v1/alerts/a-1/acknowledge", null, 200, "{}");

        WriteResult result = client().acknowledgeAlert("a-1", "on my way");

        assertThat(result.isSuccess()).isTrue();
        String expected =
                "Basic " + Base64.getEncoder().encodeToString("dispatcher:secret".getBytes(StandardCharsets.UTF_8));
        assertThat(requests.get(0).authorization()).isEqualTo(expected);
        assertThat(requests.get(0).body()).isEqualTo("{\"note\":\"on my way\"}");
    }

    @Test
    void write_falls_back_to_basic_when_token_is_rejected() throws Exception {
        token = "expired-token";
        replies.put("/api/v1/jobs?bearer", new Reply(401, "{\"message\":\"token expired\"}"));
        reply("/api/v1/jobs", null, 201, "{}");

        WriteResult result = client().createJob(job());

        assertThat(result.statusCode()).isEqualTo(201);
        assertThat(requests).extracting(Seen::authorization).first().isEqualTo("Bearer expired-token");
        assertThat(requests.get(1).authorization()).startsWith("Basic ");
        assertThat(requests.get(1).body()).contains("\"jobId\":\"job-1\"").contains("\"stopId\":\"s-1\"");
    }

    @Test
    void client_error_of_a_write_is_a_result() throws Exception {
        reply("/api/v1/vehicles/van-1/commands", null, 409, "{\"message\":\"command 'c-1' exists\"}");

        WriteResult result =
                client().sendCommand("van-1", new CommandRequest("c-1", CommandType.MESSAGE, "hello", Map.of()));

        assertThat(result.statusCode()).isEqualTo(409);
        assertThat(TrackerApiClient.errorText(result.body())).isEqualTo("command 'c-1' exists");
        assertThat(requests.get(0).body())
                .contains("\"commandId\":\"c-1\"")
                .contains("\"type\":\"message\"")
                .contains("\"text\":\"hello\"");
    }

    @Test
    void server_error_of_a_write_is_an_exception() {
        reply("/api/v1/vehicles/van-1/commands", null, 500, "{\"message\":\"database down\"}");

        assertThatThrownBy(() -> client().sendCommand(
                                "van-1", new CommandRequest("c-1", CommandType.MESSAGE, "hello", Map.of())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("database down");
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void transient_write_error_carries_retry_after(int status) throws Exception {
        reply("/api/v1/vehicles/van-1/commands", null, status, "{\"message\":\"try again in 15 s\"}");
        retryAfterHeader = "15";

        WriteResult result =
                client().sendCommand("van-1", new CommandRequest("c-1", CommandType.MESSAGE, "hello", Map.of()));

        assertThat(result.statusCode()).isEqualTo(status);
        assertThat(result.isTransient()).isTrue();
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void retry_after_accepts_seconds_and_dates() {
        Instant now = Instant.parse("2026-12-05T04:00:00Z");

        assertThat(TrackerApiClient.parseRetryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(TrackerApiClient.parseRetryAfter("Sat, 05 Dec 2026 04:00:30 GMT", now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(TrackerApiClient.parseRetryAfter("Sat, 05 Dec 2026 03:00:00 GMT", now))
                .isEqualTo(Duration.ZERO);
        assertThat(TrackerApiClient.parseRetryAfter("soon", now)).isNull();
        assertThat(TrackerApiClient.parseRetryAfter("-5", now)).isNull();
    }

    @Test
    void missing_api_url_fails_every_call_clearly() {
        TrackerApiClient client = new TrackerApiClient(null, List.of("demo"), "dispatcher", "secret", () -> null);

        assertThatThrownBy(() -> client.positions("van-1", FROM, TO, 10))
                .isInstanceOf(IOException.class)
                .hasMessage(TrackerApiClient.NO_API_URL);
        assertThatThrownBy(() -> client.acknowledgeAlert("a-1", null))
                .isInstanceOf(IOException.class)
                .hasMessage(TrackerApiClient.NO_API_URL);
    }

    @Test
    void unreachable_tracker_is_an_exception() {
        server.stop(0);

        assertThatThrownBy(() -> client().acknowledgeAlert("a-1", null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot reach the tracker API");
    }

    private TrackerApiClient client() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new TrackerApiClient(url, List.of("demo"), "dispatcher", "secret", () -> token);
    }

    private volatile @Nullable String retryAfterHeader;

    private void reply(String path, @Nullable String after, int status, String body) {
        replies.put(after == null ? path : path + "?" + after, new Reply(status, body));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery() == null
                ? ""
                : exchange.getRequestURI().getRawQuery();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Seen(path, query, authorization, body));
        Reply reply = null;
        if (authorization != null && authorization.startsWith("Bearer ")) {
            reply = replies.get(path + "?bearer");
        }
        String fleet = fleetParameter(query);
        if (reply == null && fleet != null) {
            reply = replies.get(path + "#" + fleet);
        }
        String after = afterParameter(query);
        if (reply == null) {
            reply = replies.get(after == null ? path : path + "?" + after);
        }
        if (reply == null) {
            reply = new Reply(404, "{\"message\":\"no reply for " + path + "\"}");
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        String retryAfter = retryAfterHeader;
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static @Nullable String fleetParameter(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("fleetId=")) {
                return pair.substring("fleetId=".length());
            }
        }
        return null;
    }

    private static @Nullable String afterParameter(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("after=")) {
                return pair.substring("after=".length());
            }
        }
        return null;
    }

    private static String positionsPage(@Nullable String next, int first) {
        List<String> positions = new ArrayList<>();
        for (int i = first; i < first + 2; i++) {
            positions.add("{\"vehicleId\":\"van-1\",\"fixTime\":\"" + FROM.plusSeconds(i)
                    + "\",\"latitudeDeg\":48.1,\"longitudeDeg\":11.5,\"speedKmh\":30.0,\"headingDeg\":90.0,"
                    + "\"flags\":[]}");
        }
        return "{\"fleetId\":\"demo\",\"vehicleId\":\"van-1\",\"positions\":[" + String.join(",", positions)
                + "],\"nextCursor\":" + (next == null ? "null" : "\"" + next + "\"") + "}";
    }

    private static String eventsPage(@Nullable String next, int first, int last) {
        return eventsPage("demo", "e-", first, last, next);
    }

    private static String eventsPage(String fleetId, String idPrefix, int first, int last) {
        return eventsPage(fleetId, idPrefix, first, last, null);
    }

    private static String eventsPage(String fleetId, String idPrefix, int first, int last, @Nullable String next) {
        List<String> events = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            events.add("{\"eventId\":\"" + idPrefix + i + "\",\"fleetId\":\"" + fleetId
                    + "\",\"vehicleId\":\"van-1\",\"type\":\"overspeed\","
                    + "\"time\":\"" + FROM.plusSeconds(i) + "\",\"severity\":\"warning\",\"alert\":false,"
                    + "\"attributes\":{},\"raisedTime\":\"" + FROM.plusSeconds(i) + "\"}");
        }
        return "{\"items\":[" + String.join(",", events) + "],\"nextCursor\":"
                + (next == null ? "null" : "\"" + next + "\"") + "}";
    }

    private static Job job() {
        JobStop stop = new JobStop("s-1", JobStopKind.PICKUP, "Depot", 48.1, 11.5, 50, null, null);
        return new Job("job-1", "van-1", List.of(stop));
    }

    private record Reply(int status, String body) {}

    private record Seen(String path, String query, @Nullable String authorization, String body) {}
}
