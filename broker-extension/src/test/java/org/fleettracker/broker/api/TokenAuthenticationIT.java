package org.fleettracker.broker.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fleettracker.broker.api.MqttTestClient.connectReasonCode;

/** Access tokens as MQTT passwords against an embedded broker with the extension. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TokenAuthenticationIT {

    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int GRANTED_QOS_1 = 1;
    private static final int NOT_AUTHORIZED = 0x87;

    @TempDir
    static Path folder;

    private static byte[] secret;
    private static AccessTokens tokens;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        secret = randomSecret();
        tokens = new AccessTokens(secret, AccessTokens.DEFAULT_LIFETIME);
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(TestUsers.write(folder), SecuritySettings.defaults(), tokens))
                .build()
                .start(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void valid_token_connects_and_subscribes_within_its_fleet() throws Exception {
        String token = tokens.issue(TestUsers.DISPATCHER, "dispatcher").token();

        try (MqttTestClient client =
                MqttTestClient.connect(broker.serverUri(), "console-t1", TestUsers.DISPATCHER, token)) {
            assertThat(client.subscribe("fleet/demo/#")).isEqualTo(GRANTED_QOS_1);
            assertThat(client.subscribe("fleet/north/#")).isEqualTo(NOT_AUTHORIZED);
        }
    }

    @Test
    void role_comes_from_users_file_not_from_token() throws Exception {
        String token = tokens.issue(TestUsers.VIEWER, "admin").token();

        try (MqttTestClient client = MqttTestClient.connect(broker.serverUri(), "viewer-t1", TestUsers.VIEWER, token)) {
            assertThat(client.subscribe("fleet/north/#")).isEqualTo(NOT_AUTHORIZED);
        }
    }

    @Test
    void expired_token_is_rejected() {
        Clock hourAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        AccessTokens past =
                new AccessTokens(secret, AccessTokens.DEFAULT_LIFETIME, AccessTokens.DEFAULT_CLOCK_SKEW, hourAgo);
        String token = past.issue(TestUsers.DISPATCHER, null).token();

        assertRejected("expired-t", TestUsers.DISPATCHER, token, "token expired");
    }

    @Test
    void tampered_payload_is_rejected() {
        String token = tokens.issue(TestUsers.DISPATCHER, null).token();
        String tampered = replaceInPayload(token, "\"sub\":\"dispatcher\"", "\"sub\":\"admin\"");

        assertRejected("tampered-t", TestUsers.ADMIN, tampered, "token signature is invalid");
    }

    @Test
    void token_signed_with_other_secret_is_rejected() {
        AccessTokens other = new AccessTokens(randomSecret(), AccessTokens.DEFAULT_LIFETIME);
        String token = other.issue(TestUsers.DISPATCHER, null).token();

        assertRejected("other-secret-t", TestUsers.DISPATCHER, token, "token signature is invalid");
    }

    @Test
    void unsigned_alg_none_token_is_rejected() {
        String payload = tokens.issue(TestUsers.ADMIN, null).token().split("\\.")[1];
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");

        assertRejected("alg-none-t", TestUsers.ADMIN, header + "." + payload + ".", "token algorithm is not HS256");
    }

    @Test
    void malformed_token_is_rejected() {
        assertRejected("malformed-t", TestUsers.ADMIN, "eyJ.not-a-token", "token is malformed");
    }

    @Test
    void token_of_other_user_name_is_rejected() {
        String token = tokens.issue(TestUsers.VIEWER, null).token();

        assertRejected("mismatch-t", TestUsers.ADMIN, token, "token subject does not match the user name");
    }

    @Test
    void token_of_unknown_user_is_rejected() {
        String token = tokens.issue("ghost", null).token();

        assertRejected("ghost-t", "ghost", token, "token user is not in the users file");
    }

    @Test
    void vehicle_token_is_rejected() {
        String token = tokens.issue(TestUsers.DEMO_VEHICLES, null).token();

        assertRejected("bus-t", TestUsers.DEMO_VEHICLES, token, "access tokens are not accepted for role vehicle");
    }

    @Test
    void owntracks_token_is_rejected() {
        String token = tokens.issue(TestUsers.OWNTRACKS, null).token();

        assertRejected("phone-t", TestUsers.OWNTRACKS, token, "access tokens are not accepted for role owntracks");
    }

    @Test
    void password_still_works_next_to_tokens() {
        assertThat(connectReasonCode(
                        broker.serverUri(),
                        "console-pw",
                        TestUsers.DISPATCHER,
                        TestUsers.passwordOf(TestUsers.DISPATCHER)))
                .isZero();
    }

    @Test
    void rejected_token_is_logged_without_the_token() {
        Clock hourAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        AccessTokens past =
                new AccessTokens(secret, AccessTokens.DEFAULT_LIFETIME, AccessTokens.DEFAULT_CLOCK_SKEW, hourAgo);
        String token = past.issue(TestUsers.VIEWER, null).token();

        try (ConnectionsLog log = ConnectionsLog.open()) {
            connectReasonCode(broker.serverUri(), "audit-t", TestUsers.VIEWER, token);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !log.linesAbout("audit-t").isEmpty());
            String line = log.linesAbout("audit-t").get(0);
            assertThat(line).contains("'viewer'").contains("token expired");
            assertThat(line).doesNotContain(token.split("\\.")[2]);
        }
    }

    private static void assertRejected(String clientId, String username, String token, String reason) {
        try (ConnectionsLog log = ConnectionsLog.open()) {
            assertThat(connectReasonCode(broker.serverUri(), clientId, username, token))
                    .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !log.linesAbout(clientId).isEmpty());
            assertThat(log.linesAbout(clientId).get(0)).contains(reason);
        }
    }

    private static String replaceInPayload(String token, String from, String to) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains(from);
        return parts[0] + "." + base64Url(payload.replace(from, to)) + "." + parts[2];
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
