package org.fleettracker.broker.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fleettracker.broker.api.MqttTestClient.connectReasonCode;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuthenticationIT {

    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;

    @TempDir
    static Path folder;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Path usersFile = TestUsers.write(folder);
        broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(usersFile))
                .build()
                .start(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void client_without_credentials_is_rejected() {
        assertThat(connectReasonCode(broker.serverUri(), "anonymous", null, null))
                .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void client_with_user_name_but_no_password_is_rejected() {
        assertThat(connectReasonCode(broker.serverUri(), "no-password", TestUsers.ADMIN, null))
                .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void client_with_wrong_password_is_rejected() {
        assertThat(connectReasonCode(broker.serverUri(), "wrong-password", TestUsers.ADMIN, "admin-demo"))
                .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void client_with_unknown_user_is_rejected() {
        assertThat(connectReasonCode(broker.serverUri(), "unknown-user", "intruder", "intruder-pw"))
                .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void client_with_correct_password_is_accepted() {
        assertThat(connectReasonCode(
                        broker.serverUri(),
                        "console-1",
                        TestUsers.DISPATCHER,
                        TestUsers.passwordOf(TestUsers.DISPATCHER)))
                .isZero();
    }

    @Test
    void vehicle_with_valid_client_id_is_accepted() {
        assertThat(connectReasonCode(
                        broker.serverUri(),
                        "bus-7",
                        TestUsers.DEMO_VEHICLES,
                        TestUsers.passwordOf(TestUsers.DEMO_VEHICLES)))
                .isZero();
    }

    @Test
    void vehicle_with_invalid_client_id_is_rejected() {
        assertThat(connectReasonCode(
                        broker.serverUri(),
                        "bus 7!",
                        TestUsers.DEMO_VEHICLES,
                        TestUsers.passwordOf(TestUsers.DEMO_VEHICLES)))
                .isEqualTo(CLIENT_IDENTIFIER_NOT_VALID);
    }

    @Test
    void correct_password_of_one_user_does_not_open_another() {
        assertThat(connectReasonCode(
                        broker.serverUri(), "console-2", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.VIEWER)))
                .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
    }
}
