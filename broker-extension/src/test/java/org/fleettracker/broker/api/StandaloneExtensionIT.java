package org.fleettracker.broker.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fleettracker.broker.api.MqttTestClient.connectReasonCode;

/**
 * Installs the packaged extension zip into the extensions folder of a broker, as on a standalone HiveMQ, so that
 * HiveMQ loads it through its descriptor, its service file and the no-argument constructor. Runs in Maven's verify
 * phase, after the zip is built; the system property {@code extensionZip} names it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StandaloneExtensionIT {

    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int SERVER_UNAVAILABLE = 0x88;
    private static final int CONNECTION_RATE_EXCEEDED = 0x9F;

    @TempDir
    Path folder;

    @Test
    void installed_extension_accepts_configured_user() throws Exception {
        Path extensionHome = install();
        Files.copy(TestUsers.write(folder), extensionHome.resolve("conf/users.yaml"));

        try (EmbeddedBroker broker = startWithoutEmbeddedExtension()) {
            assertThat(connectReasonCode(
                            broker.serverUri(), "ops", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN)))
                    .isZero();
        }
    }

    @Test
    void installed_extension_rejects_wrong_password() throws Exception {
        Path extensionHome = install();
        Files.copy(TestUsers.write(folder), extensionHome.resolve("conf/users.yaml"));

        try (EmbeddedBroker broker = startWithoutEmbeddedExtension()) {
            assertThat(connectReasonCode(broker.serverUri(), "ops", TestUsers.ADMIN, "wrong"))
                    .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        }
    }

    @Test
    void installed_extension_without_users_file_lets_nobody_in() throws Exception {
        install();

        try (EmbeddedBroker broker = startWithoutEmbeddedExtension()) {
            assertThat(connectReasonCode(broker.serverUri(), "anonymous", null, null))
                    .isEqualTo(SERVER_UNAVAILABLE);
        }
    }

    @Test
    void installed_extension_with_token_secret_accepts_token() throws Exception {
        Path extensionHome = install();
        Files.copy(TestUsers.write(folder), extensionHome.resolve("conf/users.yaml"));
        byte[] secret = TokenAuthenticationIT.randomSecret();
        Files.writeString(
                extensionHome.resolve("conf/token-secret"), Base64.getEncoder().encodeToString(secret));
        String token = new AccessTokens(secret, AccessTokens.DEFAULT_LIFETIME)
                .issue(TestUsers.ADMIN, null)
                .token();

        try (EmbeddedBroker broker = startWithoutEmbeddedExtension()) {
            assertThat(connectReasonCode(broker.serverUri(), "ops", TestUsers.ADMIN, token))
                    .isZero();
        }
    }

    @Test
    void installed_extension_applies_security_properties() throws Exception {
        Path extensionHome = install();
        Files.copy(TestUsers.write(folder), extensionHome.resolve("conf/users.yaml"));
        Files.writeString(extensionHome.resolve("conf/security.properties"), "login.max-failures-per-client-id=1\n");

        try (EmbeddedBroker broker = startWithoutEmbeddedExtension()) {
            connectReasonCode(broker.serverUri(), "ops", TestUsers.ADMIN, "wrong");

            assertThat(connectReasonCode(
                            broker.serverUri(), "ops", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN)))
                    .isEqualTo(CONNECTION_RATE_EXCEEDED);
        }
    }

    @Test
    void installed_extension_without_token_secret_rejects_token() throws Exception {
        Path extensionHome = install();
        Files.copy(TestUsers.write(folder), extensionHome.resolve("conf/users.yaml"));
        String token = new AccessTokens(TokenAuthenticationIT.randomSecret(), AccessTokens.DEFAULT_LIFETIME)
                .issue(TestUsers.ADMIN, null)
                .token();

        try (EmbeddedBroker broker = startWithoutEmbeddedExtension()) {
            assertThat(connectReasonCode(broker.serverUri(), "ops", TestUsers.ADMIN, token))
                    .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        }
    }

    @Test
    void installed_extension_with_invalid_security_properties_lets_nobody_in() throws Exception {
        Path extensionHome = install();
        Files.copy(TestUsers.write(folder), extensionHome.resolve("conf/users.yaml"));
        Files.writeString(extensionHome.resolve("conf/security.properties"), "publish.max-payload-bytes=lots\n");

        try (EmbeddedBroker broker = startWithoutEmbeddedExtension()) {
            assertThat(connectReasonCode(
                            broker.serverUri(), "ops", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN)))
                    .isEqualTo(SERVER_UNAVAILABLE);
        }
    }

    private Path install() throws IOException {
        Path zip = Path.of(System.getProperty("extensionZip", "target/missing-extensionZip-property.zip"));
        Path extensions = folder.resolve("broker/extensions");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                extract(in, entry, extensions);
            }
        }
        return extensions.resolve("fleet-tracker-security");
    }

    private static void extract(InputStream in, ZipEntry entry, Path target) throws IOException {
        Path destination = target.resolve(entry.getName()).normalize();
        if (!destination.startsWith(target)) {
            throw new IOException("Zip entry " + entry.getName() + " points outside " + target);
        }
        if (entry.isDirectory()) {
            Files.createDirectories(destination);
        } else {
            Files.createDirectories(destination.getParent());
            Files.copy(in, destination);
        }
    }

    private EmbeddedBroker startWithoutEmbeddedExtension() {
        return EmbeddedBroker.builder()
                .port(0)
                .dataDir(folder.resolve("broker"))
                .build()
                .start(Duration.ofSeconds(30));
    }
}
