package org.fleettracker.broker.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fleettracker.broker.api.MqttTestClient.connectReasonCode;

/** Repeats of the connections log are limited per event kind and address or client id. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectionLogIT {

    private static final int FAILED_LOGINS = 5;
    private static final int MAX_LINES = 2;
    private static final String PASSWORD = "guessed-secret-7";

    @TempDir
    Path folder;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        SecuritySettings settings = SecuritySettings.builder()
                .maxFailedLoginsPerClientId(1_000)
                .maxFailedLoginsPerAddress(1_000)
                .logRepeats(MAX_LINES, Duration.ofSeconds(10))
                .build();
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(TestUsers.write(folder), settings))
                .build()
                .start(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void repeated_failed_logins_are_summarized() {
        try (LogCapture log = LogCapture.connections()) {
            failLogins();

            await().atMost(Duration.ofSeconds(40))
                    .until(() -> !log.linesWith("Suppressed").isEmpty());
            assertThat(log.linesWith("failed authentication")).hasSize(MAX_LINES);
            assertThat(log.linesWith("Suppressed"))
                    .singleElement()
                    .asString()
                    .contains("Suppressed " + (FAILED_LOGINS - MAX_LINES) + " similar events")
                    .contains("127.0.0.1");
        }
    }

    @Test
    void failed_login_password_is_not_logged() {
        try (LogCapture log = LogCapture.connections()) {
            failLogins();

            assertThat(log.linesWith("failed authentication")).isNotEmpty();
            assertThat(log.linesWith(PASSWORD)).isEmpty();
        }
    }

    @Test
    void failed_logins_are_all_counted() {
        failLogins();

        assertThat(broker.securityCount(SecurityCounter.AUTHENTICATIONS_FAILED_WRONG_PASSWORD))
                .isEqualTo(FAILED_LOGINS);
    }

    private void failLogins() {
        for (int i = 0; i < FAILED_LOGINS; i++) {
            connectReasonCode(broker.serverUri(), "probe-" + i, TestUsers.VIEWER, PASSWORD);
        }
    }
}
