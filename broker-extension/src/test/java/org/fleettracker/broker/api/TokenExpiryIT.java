package org.fleettracker.broker.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker closes a token connection when its token expires, and only that connection. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TokenExpiryIT {

    private static final int NOT_AUTHORIZED = 0x87;
    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(3);

    @TempDir
    static Path folder;

    /** Tokens of 3 s without clock skew leeway, so that the broker disconnects 3 s after issue. */
    private static AccessTokens shortTokens;

    /** Tokens of the same secret that live long enough to outlast every test. */
    private static AccessTokens longTokens;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        byte[] secret = TokenAuthenticationIT.randomSecret();
        shortTokens = new AccessTokens(secret, SHORT_LIFETIME, Duration.ZERO, Clock.systemUTC());
        longTokens = new AccessTokens(secret, Duration.ofMinutes(10), Duration.ZERO, Clock.systemUTC());
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(
                        new FleetSecurityExtension(TestUsers.write(folder), SecuritySettings.defaults(), shortTokens))
                .build()
                .start(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void client_is_disconnected_when_its_token_expires() throws Exception {
        String token = shortTokens.issue(TestUsers.DISPATCHER, null).token();

        try (MqttTestClient client = connect("expiring-1", token)) {
            assertThat(client.isConnected()).isTrue();

            await().atMost(Duration.ofSeconds(15)).until(client::wasDisconnectedByBroker);
            assertThat(client.disconnectReasonCode()).isEqualTo(NOT_AUTHORIZED);
        }
    }

    @Test
    void token_expiry_disconnect_is_logged() throws Exception {
        String token = shortTokens.issue(TestUsers.DISPATCHER, null).token();

        try (ConnectionsLog log = ConnectionsLog.open();
                MqttTestClient client = connect("expiring-log", token)) {
            await().atMost(Duration.ofSeconds(15)).until(client::wasDisconnectedByBroker);

            await().atMost(Duration.ofSeconds(5)).until(() -> log.linesAbout("expiring-log").stream()
                    .anyMatch(line -> line.contains("access token expired")));
        }
    }

    @Test
    void reconnect_with_fresh_token_outlives_old_token() throws Exception {
        String oldToken = shortTokens.issue(TestUsers.DISPATCHER, null).token();
        String freshToken = longTokens.issue(TestUsers.DISPATCHER, null).token();

        try (MqttTestClient first = connect("refreshing-1", oldToken);
                MqttTestClient second = connect("refreshing-1", freshToken)) {
            await().atMost(Duration.ofSeconds(10)).until(first::wasDisconnectedByBroker);

            await().during(SHORT_LIFETIME.plusSeconds(3))
                    .atMost(SHORT_LIFETIME.plusSeconds(10))
                    .until(second::isConnected);
        }
    }

    @Test
    void reconnect_after_clean_disconnect_outlives_old_token() throws Exception {
        String oldToken = shortTokens.issue(TestUsers.DISPATCHER, null).token();
        String freshToken = longTokens.issue(TestUsers.DISPATCHER, null).token();
        connect("refreshing-2", oldToken).close();

        try (MqttTestClient second = connect("refreshing-2", freshToken)) {
            await().during(SHORT_LIFETIME.plusSeconds(3))
                    .atMost(SHORT_LIFETIME.plusSeconds(10))
                    .until(second::isConnected);
        }
    }

    @Test
    void reconnect_with_password_outlives_old_token() throws Exception {
        String oldToken = shortTokens.issue(TestUsers.DISPATCHER, null).token();

        try (MqttTestClient first = connect("refreshing-3", oldToken);
                MqttTestClient second = connect("refreshing-3", TestUsers.passwordOf(TestUsers.DISPATCHER))) {
            await().atMost(Duration.ofSeconds(10)).until(first::wasDisconnectedByBroker);

            await().during(SHORT_LIFETIME.plusSeconds(3))
                    .atMost(SHORT_LIFETIME.plusSeconds(10))
                    .until(second::isConnected);
        }
    }

    private static MqttTestClient connect(String clientId, String password) throws Exception {
        return MqttTestClient.connect(broker.serverUri(), clientId, TestUsers.DISPATCHER, password);
    }
}
