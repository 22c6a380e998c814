package org.fleettracker.broker.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FailedStartIT {

    private static final int SERVER_UNAVAILABLE = 0x88;

    @TempDir
    Path folder;

    @Test
    void missing_users_file_lets_nobody_in() {
        Path missing = folder.resolve("absent.yaml");

        int reasonCode = adminReasonCodeWith(missing);

        assertThat(reasonCode).isEqualTo(SERVER_UNAVAILABLE);
    }

    @Test
    void broken_yaml_lets_nobody_in() throws Exception {
        Path broken = folder.resolve("users.yaml");
        Files.writeString(broken, "users: [ {username: admin, password: \"x\"", StandardCharsets.UTF_8);

        int reasonCode = adminReasonCodeWith(broken);

        assertThat(reasonCode).isEqualTo(SERVER_UNAVAILABLE);
    }

    @Test
    void invalid_user_entry_lets_nobody_in() throws Exception {
        Path usersFile = TestUsers.write(folder);
        String content = Files.readString(usersFile) + "  - username: broken\n    password: plain\n    role: admin\n";
        Files.writeString(usersFile, content, StandardCharsets.UTF_8);

        int reasonCode = adminReasonCodeWith(usersFile);

        assertThat(reasonCode).isEqualTo(SERVER_UNAVAILABLE);
    }

    @Test
    void client_without_credentials_is_rejected_after_failed_start() {
        try (SecuredBroker broker = SecuredBroker.start(folder, folder.resolve("absent.yaml"))) {
            assertThat(broker.connectReasonCode("anonymous", null, null)).isEqualTo(SERVER_UNAVAILABLE);
        }
    }

    private int adminReasonCodeWith(Path usersFile) {
        try (SecuredBroker broker = SecuredBroker.start(folder, usersFile)) {
            return broker.connectReasonCode("admin-console", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN));
        }
    }
}
