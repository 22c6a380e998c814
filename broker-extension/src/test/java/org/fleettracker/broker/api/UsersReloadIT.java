package org.fleettracker.broker.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker applies changes of the users file while it runs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UsersReloadIT {

    private static final int NOT_AUTHORIZED = 0x87;
    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int SERVER_UNAVAILABLE = 0x88;
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private final ListAppender<ILoggingEvent> reloadLog = new ListAppender<>();

    @BeforeEach
    void captureReloadLog() {
        reloadLog.start();
        reloadLogger().addAppender(reloadLog);
    }

    @AfterEach
    void releaseReloadLog() {
        reloadLogger().detachAppender(reloadLog);
    }

    @Test
    void added_user_can_connect() throws Exception {
        try (SecuredBroker broker = SecuredBroker.start(folder)) {
            addUser(broker.usersFile(), "night-shift", "dispatcher", List.of("demo"));

            await().atMost(RELOAD_WAIT)
                    .until(() ->
                            broker.connectReasonCode("console-9", "night-shift", TestUsers.passwordOf("night-shift"))
                                    == 0);
        }
    }

    @Test
    void removed_user_is_disconnected() throws Exception {
        try (SecuredBroker broker = SecuredBroker.start(folder)) {
            MqttTestClient viewer = broker.connect("screen-1", TestUsers.VIEWER);
            MqttTestClient admin = broker.connect("ops-1", TestUsers.ADMIN);

            removeUser(broker.usersFile(), TestUsers.VIEWER);

            await().atMost(RELOAD_WAIT).until(viewer::wasDisconnectedByBroker);
            assertThat(viewer.disconnectReasonCode()).isEqualTo(NOT_AUTHORIZED);
            assertThat(admin.isConnected()).isTrue();
            assertThat(broker.connectReasonCode("screen-2", TestUsers.VIEWER, TestUsers.passwordOf(TestUsers.VIEWER)))
                    .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        }
    }

    @Test
    void changed_password_disconnects_and_rejects_old_password() throws Exception {
        try (SecuredBroker broker = SecuredBroker.start(folder)) {
            MqttTestClient dispatcher = broker.connect("console-1", TestUsers.DISPATCHER);
            String oldPassword = TestUsers.passwordOf(TestUsers.DISPATCHER);

            removeUser(broker.usersFile(), TestUsers.DISPATCHER);
            UsersFileEditor editor = UsersFileEditor.load(broker.usersFile());
            editor.add(
                    TestUsers.DISPATCHER,
                    "dispatcher",
                    List.of("demo"),
                    List.of(),
                    List.of(),
                    "new-password".toCharArray());
            editor.save();

            await().atMost(RELOAD_WAIT).until(dispatcher::wasDisconnectedByBroker);
            await().atMost(RELOAD_WAIT)
                    .until(() -> broker.connectReasonCode("console-2", TestUsers.DISPATCHER, "new-password") == 0);
            assertThat(broker.connectReasonCode("console-3", TestUsers.DISPATCHER, oldPassword))
                    .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        }
    }

    @Test
    void invalid_file_keeps_existing_users() throws Exception {
        try (SecuredBroker broker = SecuredBroker.start(folder)) {
            MqttTestClient tracker = broker.connect("tracker-1", TestUsers.TRACKER);

            Files.writeString(broker.usersFile(), "users:\n  - username: [broken\n", StandardCharsets.UTF_8);

            await().atMost(RELOAD_WAIT).until(() -> errorsLogged() == 1);
            assertThat(tracker.isConnected()).isTrue();
            assertThat(broker.connectReasonCode("ops-1", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN)))
                    .isZero();
        }
    }

    @Test
    void invalid_file_is_logged_once() throws Exception {
        try (SecuredBroker broker = SecuredBroker.start(folder)) {
            Files.writeString(broker.usersFile(), "users: []\n", StandardCharsets.UTF_8);
            await().atMost(RELOAD_WAIT).until(() -> errorsLogged() == 1);

            Files.writeString(broker.usersFile(), "users: []\n", StandardCharsets.UTF_8);

            await().during(Duration.ofMillis(2_500)).atMost(RELOAD_WAIT).until(() -> errorsLogged() == 1);
        }
    }

    @Test
    void file_valid_after_start_lets_clients_in() throws Exception {
        Path usersFile = folder.resolve("users.yaml");
        try (SecuredBroker broker = SecuredBroker.start(folder, usersFile)) {
            assertThat(broker.connectReasonCode("ops-1", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN)))
                    .isEqualTo(SERVER_UNAVAILABLE);

            TestUsers.write(folder);

            await().atMost(RELOAD_WAIT)
                    .until(() ->
                            broker.connectReasonCode("ops-2", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN))
                                    == 0);
        }
    }

    @Test
    void reload_is_logged_with_counts() throws Exception {
        try (SecuredBroker broker = SecuredBroker.start(folder)) {
            removeUser(broker.usersFile(), TestUsers.VIEWER);

            await().atMost(RELOAD_WAIT).until(() -> infoLines().stream().anyMatch(l -> l.startsWith("Reloaded")));
            String line = infoLines().stream()
                    .filter(l -> l.startsWith("Reloaded"))
                    .findFirst()
                    .orElseThrow();
            assertThat(line).contains("0 added, 1 removed, 0 changed").doesNotContain("pbkdf2");
        }
    }

    private static void addUser(Path file, String username, String role, List<String> fleets) throws Exception {
        UsersFileEditor editor = UsersFileEditor.load(file);
        editor.add(
                username,
                role,
                fleets,
                List.of(),
                List.of(),
                TestUsers.passwordOf(username).toCharArray());
        editor.save();
    }

    private static void removeUser(Path file, String username) throws Exception {
        UsersFileEditor editor = UsersFileEditor.load(file);
        editor.remove(username);
        editor.save();
    }

    private long errorsLogged() {
        return List.copyOf(reloadLog.list).stream()
                .filter(event -> event.getLevel() == Level.ERROR)
                .count();
    }

    private List<String> infoLines() {
        return List.copyOf(reloadLog.list).stream()
                .filter(event -> event.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static Logger reloadLogger() {
        return (Logger) LoggerFactory.getLogger("org.fleettracker.broker.internal.users.LiveUsers");
    }
}
