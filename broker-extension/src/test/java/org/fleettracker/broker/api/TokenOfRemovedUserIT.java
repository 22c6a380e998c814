package org.fleettracker.broker.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fleettracker.broker.api.MqttTestClient.connectReasonCode;

/**
 * A token keeps working only while its user is in the users file. The broker restarts between the two checks, because
 * HiveMQ's extension services are static and a second embedded broker in the same JVM would replace them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TokenOfRemovedUserIT {

    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;

    @TempDir
    Path folder;

    @Test
    void token_of_user_removed_from_users_file_is_rejected() throws Exception {
        AccessTokens tokens = new AccessTokens(TokenAuthenticationIT.randomSecret(), AccessTokens.DEFAULT_LIFETIME);
        Path usersFile = TestUsers.write(folder);
        String token = tokens.issue(TestUsers.VIEWER, null).token();
        try (EmbeddedBroker broker = start(usersFile, tokens)) {
            assertThat(connectReasonCode(broker.serverUri(), "removed-before", TestUsers.VIEWER, token))
                    .isZero();
        }

        removeUser(usersFile, TestUsers.VIEWER);

        try (EmbeddedBroker broker = start(usersFile, tokens);
                ConnectionsLog log = ConnectionsLog.open()) {
            assertThat(connectReasonCode(broker.serverUri(), "removed-after", TestUsers.VIEWER, token))
                    .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !log.linesAbout("removed-after").isEmpty());
            assertThat(log.linesAbout("removed-after").get(0)).contains("token user is not in the users file");
        }
    }

    private EmbeddedBroker start(Path usersFile, AccessTokens tokens) {
        return EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(usersFile, SecuritySettings.defaults(), tokens))
                .build()
                .start(Duration.ofSeconds(30));
    }

    /** Removes the four lines of one account that {@link TestUsers#write} wrote. */
    private static void removeUser(Path usersFile, String username) throws Exception {
        List<String> lines = Files.readAllLines(usersFile);
        int first = lines.indexOf("  - username: " + username);
        assertThat(first).isNotNegative();
        List<String> kept = new ArrayList<>(lines.subList(0, first));
        kept.addAll(lines.subList(first + 4, lines.size()));
        Files.write(usersFile, kept);
    }
}
