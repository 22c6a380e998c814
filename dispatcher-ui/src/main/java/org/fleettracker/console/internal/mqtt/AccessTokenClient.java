package org.fleettracker.console.internal.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.console.internal.ConsoleConfig;
import org.fleettracker.protocol.api.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Gets access tokens from the tracker's {@code POST /api/v1/tokens}: with HTTP Basic user name and password, or
 * with {@code Bearer} and a still valid token to refresh it. Thread-safe; calls block.
 */
final class AccessTokenClient {

    private static final String TOKENS_PATH = "/api/v1/tokens";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(ConsoleConfig.API_TIMEOUT).build();
    private final URI tokensUri;
    private final Clock clock;

    AccessTokenClient(URI apiUrl, Clock clock) {
        this.clock = clock;
        String base = apiUrl.toString().replaceAll("/+$", "");
        this.tokensUri = URI.create(base + TOKENS_PATH);
    }

    /**
     * Trades a user name and password for a token.
     *
     * @throws TokenRejectedException when the API returns 401 or 403, so the same credentials cannot succeed
     * @throws IOException when the API cannot be reached or returns another status
     */
    AccessToken issue(String username, String password) throws IOException, TokenRejectedException {
        String pair = username + ":" + password;
        String basic = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        return request("Basic " + basic);
    }

    /**
     * Trades a valid token for a fresh one.
     *
     * @throws TokenRejectedException when the API rejects the token, for example because it expired
     * @throws IOException when the API cannot be reached or returns another status
     */
    AccessToken refresh(AccessToken token) throws IOException, TokenRejectedException {
        return request("Bearer " + token.token());
    }

    private AccessToken request(String authorization) throws IOException, TokenRejectedException {
        HttpRequest request = HttpRequest.newBuilder(tokensUri)
                .timeout(ConsoleConfig.API_TIMEOUT)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while requesting an access token from " + tokensUri, e);
        } catch (IOException e) {
            // A refused connection has no message of its own, so the type names the failure.
            throw new IOException("cannot reach " + tokensUri + ": " + e, e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new TokenRejectedException(
                    "HTTP " + status + " from " + tokensUri + ": " + errorMessage(response.body()));
        }
        if (status != 200) {
            throw new IOException("HTTP " + status + " from " + tokensUri + ": " + errorMessage(response.body()));
        }
        return parse(response.body());
    }

    private AccessToken parse(String body) throws IOException {
        JsonNode json = Json.mapper().readTree(body);
        JsonNode token = json.get("token");
        JsonNode expiresAt = json.get("expiresAt");
        JsonNode expiresIn = json.get("expiresInSeconds");
        if (token == null || expiresAt == null || expiresIn == null) {
            throw new IOException("the token response of " + tokensUri + " lacks token, expiresAt or expiresInSeconds");
        }
        return new AccessToken(
                token.asText(),
                Instant.parse(expiresAt.asText()),
                Duration.ofSeconds(expiresIn.asLong()),
                clock.instant());
    }

    private static String errorMessage(String body) {
        try {
            JsonNode message = Json.mapper().readTree(body).get("message");
            return message == null ? "no error message" : message.asText();
        } catch (IOException e) {
            return "a body that is not JSON";
        }
    }
}
