package org.fleettracker.tracker.testing;

import org.fleettracker.tracker.api.Tracker;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.storage.Database;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;

/** Settings, HTTP and SQL helpers for tests that run a whole {@link Tracker}. */
public final class TrackerHarness {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TrackerHarness() {}

    /** Returns settings with random ports, a data folder and a users file under {@code folder}. */
    public static TrackerSettings.Builder settings(Path folder) throws IOException {
        return TrackerSettings.builder()
                .mqttPort(0)
                .httpPort(0)
                .dataDir(folder.resolve("data"))
                .usersFile(TestUsers.write(folder))
                .connectTimeoutMs(20_000);
    }

    /** Sends {@code GET path} to the tracker's HTTP API. */
    public static HttpResponse<String> get(Tracker tracker, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tracker.httpBaseUri() + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code method path} with an optional {@code Authorization} header and an empty body. */
    public static HttpResponse<String> send(Tracker tracker, String method, String path, @Nullable String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tracker.httpBaseUri() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code method path} with a JSON body and an optional {@code Authorization} header. */
    public static HttpResponse<String> sendJson(
            Tracker tracker, String method, String path, @Nullable String authorization, String jsonBody)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tracker.httpBaseUri() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Returns the value of an HTTP Basic {@code Authorization} header for the test user and its password. */
    public static String basic(String username) {
        String credentials = username + ":" + TestUsers.passwordOf(username);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs a {@code SELECT COUNT(*) ...} on the tracker's database (H2 lets connections of one JVM share it). */
    public static long count(Path dataDir, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(Database.jdbcUrl(dataDir), "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Runs one SQL update on the tracker's database. */
    public static void execute(Path dataDir, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(Database.jdbcUrl(dataDir), "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Returns the value of one Prometheus sample line such as {@code tracker_positions_stored_total}, or 0. */
    public static double metric(Tracker tracker, String sample) throws IOException, InterruptedException {
        for (String line : get(tracker, "/metrics").body().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return 0;
    }
}
