package org.fleettracker.broker.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuthenticationIT {

    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;

    @TempDir
    static Path folder;

    private static SecuredBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = SecuredBroker.start(folder);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void client_without_credentials_is_rejected() {
        assertThat(broker.connectReasonCode("anonymous", null, null)).isEqualTo(BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void client_without_password_is_rejected() {
        assertThat(broker.connectReasonCode("no-password", TestUsers.ADMIN, null))
                .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void client_with_wrong_password_is_rejected() {
        assertThat(broker.connectReasonCode("wrong-password", TestUsers.ADMIN, "admin-demo"))
                .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void client_with_unknown_user_is_rejected() {
        assertThat(broker.connectReasonCode("unknown-user", "intruder", "intruder-pw"))
                .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void client_with_correct_password_is_accepted() {
        assertThat(broker.connectReasonCode(
                        "console-1", TestUsers.DISPATCHER, TestUsers.passwordOf(TestUsers.DISPATCHER)))
                .isZero();
    }

    @Test
    void vehicle_with_valid_client_id_is_accepted() {
        assertThat(broker.connectReasonCode(
                        "bus-7", TestUsers.DEMO_VEHICLES, TestUsers.passwordOf(TestUsers.DEMO_VEHICLES)))
                .isZero();
    }

    @Test
    void vehicle_with_invalid_client_id_is_rejected() {
        assertThat(broker.connectReasonCode(
                        "bus 7!", TestUsers.DEMO_VEHICLES, TestUsers.passwordOf(TestUsers.DEMO_VEHICLES)))
                .isEqualTo(CLIENT_IDENTIFIER_NOT_VALID);
    }

    @Test
    void vehicle_without_client_id_is_rejected() {
        assertThat(broker.connectReasonCode("", TestUsers.DEMO_VEHICLES, TestUsers.passwordOf(TestUsers.DEMO_VEHICLES)))
                .isEqualTo(CLIENT_IDENTIFIER_NOT_VALID);
    }

    @Test
    void failed_authentication_is_logged_without_password() {
        ListAppender<ILoggingEvent> appender = attachConnectionsAppender();
        try {
            broker.connectReasonCode("audit-probe", TestUsers.VIEWER, "guessed-secret-42");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> messagesAbout(appender, "audit-probe").size() == 1);
            String line = messagesAbout(appender, "audit-probe").get(0);
            assertThat(line).contains("127.0.0.1").contains("'viewer'").contains("wrong password");
            assertThat(line).doesNotContain("guessed-secret-42");
        } finally {
            detach(appender);
        }
    }

    @Test
    void connect_and_disconnect_are_logged() {
        ListAppender<ILoggingEvent> appender = attachConnectionsAppender();
        try {
            broker.connectReasonCode("audit-ok", TestUsers.VIEWER, TestUsers.passwordOf(TestUsers.VIEWER));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> messagesAbout(appender, "audit-ok").size() == 2);
            List<String> lines = messagesAbout(appender, "audit-ok");
            assertThat(lines.get(0)).contains("127.0.0.1").contains("connected as user 'viewer'");
            assertThat(lines.get(1)).contains("127.0.0.1").contains("disconnected");
        } finally {
            detach(appender);
        }
    }

    @Test
    void other_users_password_is_rejected() {
        assertThat(broker.connectReasonCode("console-2", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.VIEWER)))
                .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
    }

    private static ListAppender<ILoggingEvent> attachConnectionsAppender() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        connectionsLogger().addAppender(appender);
        return appender;
    }

    private static void detach(ListAppender<ILoggingEvent> appender) {
        connectionsLogger().detachAppender(appender);
    }

    private static Logger connectionsLogger() {
        return (Logger) LoggerFactory.getLogger("org.fleettracker.broker.connections");
    }

    private static List<String> messagesAbout(ListAppender<ILoggingEvent> appender, String clientId) {
        return List.copyOf(appender.list).stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains("'" + clientId + "'"))
                .toList();
    }
}
