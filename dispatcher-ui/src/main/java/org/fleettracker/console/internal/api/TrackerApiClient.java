package org.fleettracker.console.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Job;
import org.fleettracker.protocol.api.Json;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link TrackerApi} over the JDK {@link HttpClient}.
 *
 * <p>Writes carry the console's access token as {@code Bearer} while it has one, and HTTP Basic with the console's
 * user name and password otherwise; a {@code 401} to a token is tried once more with Basic, because the token may
 * have expired between two renewals. Reads need no credentials, so they send none.
 */
public final class TrackerApiClient implements TrackerApi {

    /** Message of every call when the console has no API URL. */
    public static final String NO_API_URL = "no tracker API URL set: start the console with --api-url";

    private static final Logger log = LoggerFactory.getLogger(TrackerApiClient.class);

    private static final int SERVICE_UNAVAILABLE = 503;

    /** The order of the API's pages reversed: event time, then event id, newest first. */
    private static final Comparator<FleetEvent> NEWEST_FIRST = Comparator.comparing(FleetEvent::time)
            .thenComparing(FleetEvent::eventId)
            .reversed();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(ConsoleConfig.API_TIMEOUT).build();
    private final @Nullable String baseUrl;
    private final List<String> fleetIds;
    private final String basicAuthorization;
    private final Supplier<@Nullable String> bearerToken;

    /**
     * Creates a client of the API at {@code apiUrl}, or one whose every call fails with {@link #NO_API_URL}.
     *
     * @param bearerToken returns the console's current access token, or null while it has none
     */
    public TrackerApiClient(
            @Nullable URI apiUrl,
            List<String> fleetIds,
            String username,
            String password,
            Supplier<@Nullable String> bearerToken) {
        this.baseUrl = apiUrl == null ? null : apiUrl.toString().replaceAll("/+$", "");
        this.fleetIds = List.copyOf(fleetIds);
        String pair = username + ":" + password;
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        this.bearerToken = bearerToken;
    }

    /** Creates a client for the console's settings. */
    public static TrackerApiClient of(ConsoleSettings settings, Supplier<@Nullable String> bearerToken) {
        return new TrackerApiClient(
                settings.apiUrl(), settings.fleetIds(), settings.username(), settings.password(), bearerToken);
    }

    @Override
    public List<HistoryPosition> positions(String vehicleId, Instant from, Instant to, int maxPositions)
            throws IOException {
        String path = "/api/v1/vehicles/" + encode(vehicleId) + "/positions";
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", from.toString());
        query.put("to", to.toString());
        List<HistoryPosition> positions = new ArrayList<>();
        readPages(path, query, "positions", maxPositions, node -> positions.add(position(node)));
        return positions;
    }

    @Override
    public List<FleetEvent> events(@Nullable String vehicleId, Instant from, Instant to, int limit) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", from.toString());
        query.put("to", to.toString());
        if (vehicleId != null) {
            // A vehicle id names one vehicle of one fleet.
            query.put("vehicleId", vehicleId);
            return latest("/api/v1/events", query, limit);
        }
        return latestOfEachFleet("/api/v1/events", query, limit);
    }

    @Override
    public List<FleetEvent> alerts(AlertState state, int limit) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("state", state.name().toLowerCase(Locale.ROOT));
        return latestOfEachFleet("/api/v1/alerts", query, limit);
    }

    @Override
    public WriteResult acknowledgeAlert(String eventId, @Nullable String note) throws IOException {
        ObjectNode body = Json.mapper().createObjectNode();
        if (note != null) {
            body.put("note", note);
        }
        return write("/api/v1/alerts/" + encode(eventId) + "/acknowledge", body);
    }

    @Override
    public WriteResult sendCommand(String vehicleId, CommandRequest request) throws IOException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("commandId", request.commandId());
        body.put("type", request.type().code());
        if (request.text() != null) {
            body.put("text", request.text());
        }
        if (!request.parameters().isEmpty()) {
            ObjectNode parameters = body.putObject("parameters");
            request.parameters().forEach(parameters::put);
        }
        return write("/api/v1/vehicles/" + encode(vehicleId) + "/commands", body);
    }

    @Override
    public WriteResult createJob(Job job) throws IOException {
        return write("/api/v1/jobs", Json.mapper().valueToTree(job));
    }

    /**
     * Reads every page of an endpoint that lists oldest first, and returns the newest {@code limit} items, newest
     * first.
     */
    /** Reads the latest events of each fleet of the console and returns the newest {@code limit} of them all. */
    private List<FleetEvent> latestOfEachFleet(String path, Map<String, String> query, int limit) throws IOException {
        List<FleetEvent> merged = new ArrayList<>();
        for (String fleetId : fleetIds) {
            Map<String, String> fleetQuery = new LinkedHashMap<>();
            fleetQuery.put("fleetId", fleetId);
            fleetQuery.putAll(query);
            merged.addAll(latest(path, fleetQuery, limit));
        }
        if (fleetIds.size() == 1) {
            return merged;
        }
        merged.sort(NEWEST_FIRST);
        return List.copyOf(merged.subList(0, Math.min(limit, merged.size())));
    }

    private List<FleetEvent> latest(String path, Map<String, String> query, int limit) throws IOException {
        if (limit < 1) {
            return List.of();
        }
        ArrayDeque<FleetEvent> newest = new ArrayDeque<>(limit);
        readPages(path, query, "items", Integer.MAX_VALUE, node -> {
            if (newest.size() == limit) {
                newest.removeFirst();
            }
            newest.addLast(event(node));
        });
        List<FleetEvent> result = new ArrayList<>(newest);
        Collections.reverse(result);
        return result;
    }

    /** Follows {@code nextCursor} until the last page or until {@code maxItems} items were handed on. */
    private void readPages(
            String path, Map<String, String> query, String itemsField, int maxItems, ItemConsumer consumer)
            throws IOException {
        Map<String, String> pageQuery = new LinkedHashMap<>(query);
        int handed = 0;
        for (int page = 0; page < ConsoleConfig.API_MAX_PAGES; page++) {
            int pageLimit = Math.min(ConsoleConfig.API_PAGE_LIMIT, maxItems - handed);
            pageQuery.put("limit", Integer.toString(pageLimit));
            JsonNode body = get(path, pageQuery);
            JsonNode items = body.get(itemsField);
            if (items == null || !items.isArray()) {
                throw new IOException("the response of GET " + path + " lacks the array '" + itemsField + "'");
            }
            for (JsonNode item : items) {
                consumer.accept(item);
                handed++;
            }
            JsonNode cursor = body.get("nextCursor");
            if (cursor == null || cursor.isNull() || handed >= maxItems) {
                return;
            }
            pageQuery.put("after", cursor.asText());
        }
        log.warn(
                "GET {} still had pages after {}; the console shows the first ones", path, ConsoleConfig.API_MAX_PAGES);
    }

    private JsonNode get(String path, Map<String, String> query) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri(path, query))
                .timeout(ConsoleConfig.API_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IOException(
                    "GET " + path + " failed with HTTP " + response.statusCode() + ": " + errorText(response.body()));
        }
        return parse("GET " + path, response.body());
    }

    private WriteResult write(String path, JsonNode body) throws IOException {
        String token = bearerToken.get();
        HttpResponse<String> response = post(path, body, token != null ? "Bearer " + token : basicAuthorization);
        if (response.statusCode() == 401 && token != null) {
            log.debug("POST {} rejected the access token with 401; trying HTTP Basic", path);
            response = post(path, body, basicAuthorization);
        }
        int status = response.statusCode();
        if (status == SERVICE_UNAVAILABLE) {
            return new WriteResult(status, response.body(), retryAfter(response, Instant.now()));
        }
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            throw new IOException("POST " + path + " failed with HTTP " + status + ": " + errorText(response.body()));
        }
        return new WriteResult(status, response.body(), retryAfter(response, Instant.now()));
    }

    private static @Nullable Duration retryAfter(HttpResponse<?> response, Instant now) {
        return response.headers()
                .firstValue("Retry-After")
                .map(value -> parseRetryAfter(value, now))
                .orElse(null);
    }

    /**
     * Parses a {@code Retry-After} value, which HTTP allows as seconds or as a date; returns null when it is
     * neither, and zero for a date in the past.
     */
    static @Nullable Duration parseRetryAfter(String value, Instant now) {
        String trimmed = value.trim();
        if (trimmed.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        try {
            Instant until = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            log.debug("Ignoring the invalid Retry-After header '{}': {}", trimmed, e.getMessage());
            return null;
        }
    }

    private HttpResponse<String> post(String path, JsonNode body, String authorization) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri(path, Map.of()))
                .timeout(ConsoleConfig.API_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.encode(body)))
                .build();
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(
                    "interrupted during " + request.method() + " "
                            + request.uri().getPath(),
                    e);
        } catch (IOException e) {
            // A refused connection has no message of its own, so the exception's type names the failure.
            throw new IOException("cannot reach the tracker API at " + baseUrl + ": " + e, e);
        }
    }

    private URI uri(String path, Map<String, String> query) throws IOException {
        if (baseUrl == null) {
            throw new IOException(NO_API_URL);
        }
        StringBuilder uri = new StringBuilder(baseUrl).append(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            uri.append(separator).append(parameter.getKey()).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    private static HistoryPosition position(JsonNode node) throws IOException {
        JsonNode fixTime = node.get("fixTime");
        JsonNode latitude = node.get("latitudeDeg");
        JsonNode longitude = node.get("longitudeDeg");
        if (fixTime == null || latitude == null || longitude == null) {
            throw new IOException("a position of the history API lacks fixTime, latitudeDeg or longitudeDeg");
        }
        try {
            return new HistoryPosition(
                    Instant.parse(fixTime.asText()),
                    latitude.asDouble(),
                    longitude.asDouble(),
                    optionalNumber(node, "speedKmh"),
                    optionalNumber(node, "headingDeg"));
        } catch (DateTimeParseException e) {
            throw new IOException("a position of the history API has an invalid fixTime: " + e.getMessage(), e);
        }
    }

    private static @Nullable Double optionalNumber(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asDouble();
    }

    private static FleetEvent event(JsonNode node) throws IOException {
        try {
            return FleetEvent.fromJson(node);
        } catch (RuntimeException e) {
            throw new IOException("an event of the tracker API is invalid: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String request, String body) throws IOException {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IOException("the response of " + request + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** Returns the tracker's {@code message} of an error body, or the start of a body that is not one. */
    public static String errorText(String body) {
        try {
            JsonNode message = Json.mapper().readTree(body).get("message");
            if (message != null && message.isTextual()) {
                return message.asText();
            }
        } catch (IOException e) {
            log.trace("Error body is not JSON: {}", e.getMessage());
        }
        String trimmed = body.strip();
        return trimmed.isEmpty() ? "no error message" : trimmed.substring(0, Math.min(200, trimmed.length()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ItemConsumer {
        void accept(JsonNode item) throws IOException;
    }
}
