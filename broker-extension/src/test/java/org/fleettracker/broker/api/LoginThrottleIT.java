package org.fleettracker.broker.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fleettracker.broker.api.MqttTestClient.connectReasonCode;

/** Every client of these tests connects from 127.0.0.1, so each test sets only the limit it checks. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoginThrottleIT {

    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int CONNECTION_RATE_EXCEEDED = 0x9F;
    private static final Duration LOCKOUT = Duration.ofSeconds(2);

    @TempDir
    Path folder;

    private EmbeddedBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void locked_client_id_is_refused_even_with_right_password() throws Exception {
        start(SecuritySettings.builder().maxFailedLoginsPerClientId(3).maxFailedLoginsPerAddress(1_000));
        failLogins("guesser", 3);

        int reasonCode = connectReasonCode(broker.serverUri(), "guesser", TestUsers.ADMIN, adminPassword());

        assertThat(reasonCode).isEqualTo(CONNECTION_RATE_EXCEEDED);
    }

    @Test
    void locked_client_id_leaves_other_client_ids_in() throws Exception {
        start(SecuritySettings.builder().maxFailedLoginsPerClientId(3).maxFailedLoginsPerAddress(1_000));
        failLogins("guesser", 3);

        int reasonCode = connectReasonCode(broker.serverUri(), "bystander", TestUsers.ADMIN, adminPassword());

        assertThat(reasonCode).isZero();
    }

    @Test
    void client_id_lockout_ends_after_its_length() throws Exception {
        start(SecuritySettings.builder().maxFailedLoginsPerClientId(3).maxFailedLoginsPerAddress(1_000));
        failLogins("patient", 3);
        long lockedAtNanos = System.nanoTime();

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> connectReasonCode(broker.serverUri(), "patient", TestUsers.ADMIN, adminPassword()) == 0);

        assertThat(Duration.ofNanos(System.nanoTime() - lockedAtNanos)).isGreaterThanOrEqualTo(LOCKOUT);
    }

    @Test
    void locked_address_is_refused_for_any_client_id() throws Exception {
        start(SecuritySettings.builder().maxFailedLoginsPerClientId(1_000).maxFailedLoginsPerAddress(3));
        for (int i = 0; i < 3; i++) {
            assertThat(connectReasonCode(broker.serverUri(), "rotating-" + i, TestUsers.ADMIN, "wrong"))
                    .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        }

        int reasonCode = connectReasonCode(broker.serverUri(), "fresh-id", TestUsers.ADMIN, adminPassword());

        assertThat(reasonCode).isEqualTo(CONNECTION_RATE_EXCEEDED);
    }

    @Test
    void lockout_is_logged_once_with_client_id_and_address() throws Exception {
        start(SecuritySettings.builder().maxFailedLoginsPerClientId(3).maxFailedLoginsPerAddress(1_000));
        try (LogCapture log = LogCapture.connections()) {
            failLogins("noisy", 3);
            for (int i = 0; i < 4; i++) {
                connectReasonCode(broker.serverUri(), "noisy", TestUsers.ADMIN, "wrong");
            }

            assertThat(log.linesWith("locked out its")).hasSize(1);
            assertThat(log.linesWith("locked out its").get(0))
                    .contains("'noisy'")
                    .contains("127.0.0.1");
        }
    }

    @Test
    void throttled_login_is_counted() throws Exception {
        start(SecuritySettings.builder().maxFailedLoginsPerClientId(2).maxFailedLoginsPerAddress(1_000));
        failLogins("counted", 2);

        connectReasonCode(broker.serverUri(), "counted", TestUsers.ADMIN, adminPassword());

        assertThat(broker.securityCount(SecurityCounter.AUTHENTICATIONS_FAILED_WRONG_PASSWORD))
                .isEqualTo(2);
        assertThat(broker.securityCount(SecurityCounter.LOGINS_THROTTLED)).isEqualTo(1);
    }

    private void failLogins(String clientId, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(connectReasonCode(broker.serverUri(), clientId, TestUsers.ADMIN, "wrong-" + i))
                    .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        }
    }

    private static String adminPassword() {
        return TestUsers.passwordOf(TestUsers.ADMIN);
    }

    private void start(SecuritySettings.Builder settings) throws Exception {
        Path usersFile = TestUsers.write(folder);
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(
                        usersFile,
                        settings.lockout(LOCKOUT, LOCKOUT.multipliedBy(2)).build()))
                .build()
                .start(Duration.ofSeconds(30));
    }
}
