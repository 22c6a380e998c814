package org.fleettracker.tracker.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.broker.api.SecuritySettings;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.tracker.testing.MqttTestClient;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Failed token requests count in the broker's login throttle, so HTTP does not bypass it. */
@Timeout(120)
class TokensThrottleIT {

    private static final String TOKENS = "/api/v1/tokens";
    private static final int MAX_FAILURES_PER_ADDRESS = 3;
    private static final int CONNECTION_RATE_EXCEEDED = 0x9F;

    @TempDir
    Path folder;

    private Tracker tracker;

    @BeforeEach
    void startTracker() throws Exception {
        SecuritySettings limits = SecuritySettings.builder()
                .maxFailedLoginsPerAddress(MAX_FAILURES_PER_ADDRESS)
                .lockout(Duration.ofSeconds(60), Duration.ofSeconds(120))
                .build();
        tracker = Tracker.start(
                TrackerHarness.settings(folder).brokerSecurity(limits).build());
    }

    @AfterEach
    void stopTracker() {
        tracker.close();
    }

    @Test
    void http_failures_lock_out_token_requests() throws Exception {
        failBasicLogins(MAX_FAILURES_PER_ADDRESS);

        HttpResponse<String> response = post(basic(TestUsers.DISPATCHER, "dispatcher-demo"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(json(response).get("error").asText()).isEqualTo("too_many_requests");
        assertThat(response.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 61L));
    }

    @Test
    void http_failures_lock_out_mqtt_logins() throws Exception {
        failBasicLogins(MAX_FAILURES_PER_ADDRESS);

        assertThatThrownBy(() -> MqttTestClient.connect(
                        tracker.mqttServerUri(), "viewer-after-http", TestUsers.VIEWER, "viewer-demo"))
                .isInstanceOfSatisfying(
                        MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(CONNECTION_RATE_EXCEEDED));
    }

    @Test
    void invalid_bearer_tokens_count_as_failures() throws Exception {
        for (int i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
            assertThat(post("Bearer eyJhbGciOiJIUzI1NiJ9.e30.forged" + i).statusCode())
                    .isEqualTo(401);
        }

        assertThat(post(basic(TestUsers.VIEWER, "viewer-demo")).statusCode()).isEqualTo(429);
    }

    private void failBasicLogins(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            assertThat(post(basic(TestUsers.DISPATCHER, "guess-" + i)).statusCode())
                    .isEqualTo(401);
        }
    }

    private HttpResponse<String> post(String authorization) throws Exception {
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
