package org.fleettracker.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.fleettracker.broker.api.AccessTokens;
import org.fleettracker.broker.api.TokenSecretFile;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/tokens} of a running tracker, and the issued tokens on its embedded broker. */
@Timeout(120)
class TokensApiIT {

    private static final String TOKENS = "/api/v1/tokens";

    @TempDir
    static Path folder;

    private static Tracker tracker;

    @BeforeAll
    static void startTracker() throws Exception {
        tracker = Tracker.start(TrackerHarness.settings(folder).build());
    }

    @AfterAll
    static void stopTracker() {
        tracker.close();
    }

    @Test
    void password_is_exchanged_for_token() throws Exception {
        HttpResponse<String> response = post(basic(TestUsers.DISPATCHER, "dispatcher-demo"));

        JsonNode body = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("token").asText()).startsWith("eyJ");
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(Instant.parse(body.get("expiresAt").asText()))
                .isBetween(Instant.now().plusSeconds(880), Instant.now().plusSeconds(901));
        assertThat(body.get("expiresInSeconds").asLong()).isBetween(880L, 900L);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void issued_token_connects_and_subscribes_to_own_fleet() throws Exception {
        String token = json(post(basic(TestUsers.DISPATCHER, "dispatcher-demo")))
                .get("token")
                .asText();

        try (MqttTestClient client =
                MqttTestClient.connect(tracker.mqttServerUri(), "console-http", TestUsers.DISPATCHER, token)) {
            client.subscribe("fleet/demo/#");
        }
    }

    @Test
    void valid_token_is_refreshed() throws Exception {
        String token =
                json(post(basic(TestUsers.VIEWER, "viewer-demo"))).get("token").asText();

        HttpResponse<String> response = post("Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("token").asText()).isNotEqualTo(token);
    }

    @Test
    void expired_token_is_not_refreshed() throws Exception {
        byte[] secret = TokenSecretFile.read(folder.resolve("data/token-secret"));
        Clock hourAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        String expired = new AccessTokens(
                        secret, AccessTokens.DEFAULT_LIFETIME, AccessTokens.DEFAULT_CLOCK_SKEW, hourAgo)
                .issue(TestUsers.VIEWER, null)
                .token();

        HttpResponse<String> response = post("Bearer " + expired);

        assertUnauthorized(response, "token expired");
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .anySatisfy(value -> assertThat(value).startsWith("Bearer").contains("invalid_token"));
    }

    @Test
    void tampered_token_is_not_refreshed() throws Exception {
        String token =
                json(post(basic(TestUsers.VIEWER, "viewer-demo"))).get("token").asText();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertUnauthorized(post("Bearer " + forged), "token signature is invalid");
    }

    @Test
    void wrong_password_gets_401() throws Exception {
        HttpResponse<String> response = post(basic(TestUsers.DISPATCHER, "guess"));

        assertUnauthorized(response, "user name or password is wrong");
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .anySatisfy(value -> assertThat(value).startsWith("Basic realm="));
    }

    @Test
    void unknown_user_gets_401() throws Exception {
        assertUnauthorized(post(basic("intruder", "intruder-demo")), "user name or password is wrong");
    }

    @Test
    void missing_authorization_gets_401() throws Exception {
        assertUnauthorized(post(null), "no Authorization header");
    }

    @Test
    void basic_credentials_without_colon_get_401() throws Exception {
        String credentials = Base64.getEncoder().encodeToString("dispatcher".getBytes(StandardCharsets.UTF_8));

        assertUnauthorized(post("Basic " + credentials), "not base64 of user-name:password");
    }

    @Test
    void other_scheme_gets_401() throws Exception {
        assertUnauthorized(post("Digest username=\"dispatcher\""), "is not Basic or Bearer");
    }

    @Test
    void vehicle_account_gets_403() throws Exception {
        HttpResponse<String> response = post(basic(TestUsers.DEMO_VEHICLES, TestUsers.VEHICLE_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("error").asText()).isEqualTo("forbidden");
    }

    @Test
    void owntracks_account_gets_403() throws Exception {
        HttpResponse<String> response =
                post(basic(TestUsers.OWNTRACKS_ALICE, TestUsers.passwordOf(TestUsers.OWNTRACKS_ALICE)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("error").asText()).isEqualTo("forbidden");
    }

    @Test
    void get_gets_405() throws Exception {
        HttpResponse<String> response =
                TrackerHarness.send(tracker, "GET", TOKENS, basic(TestUsers.DISPATCHER, "dispatcher-demo"));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(response).get("error").asText()).isEqualTo("method_not_allowed");
    }

    private static void assertUnauthorized(HttpResponse<String> response, String message) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).isNotEmpty();
        assertThat(json(response).get("error").asText()).isEqualTo("unauthorized");
        assertThat(json(response).get("message").asText()).contains(message);
    }

    private static HttpResponse<String> post(String authorization) throws Exception {
        return TrackerHarness.send(tracker, "POST", TOKENS, authorization);
    }

    private static String basic(String username, String password) {
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }
}
