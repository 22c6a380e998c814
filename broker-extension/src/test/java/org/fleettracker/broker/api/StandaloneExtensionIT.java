package org.fleettracker.broker.api;

import org.fleettracker.protocol.testing.AlertRules;
import org.fleettracker.protocol.testing.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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

    @Test
    void installed_extension_serves_broker_meters() throws Exception {
        Path extensionHome = install();
        Files.copy(TestUsers.write(folder), extensionHome.resolve("conf/users.yaml"));
        int port = freePort();
        Files.writeString(extensionHome.resolve("conf/security.properties"), "metrics.port=" + port + "\n");
        URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");

        try (EmbeddedBroker broker = startWithoutEmbeddedExtension()) {
            PrometheusText before = PrometheusText.scrape(metrics);
            connectReasonCode(broker.serverUri(), "ops", TestUsers.ADMIN, "wrong");
            connectReasonCode(broker.serverUri(), "ops", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN));

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                PrometheusText now = PrometheusText.scrape(metrics);
                return now.value("broker_disconnects_total") >= 1 && now.value("broker_connections_current") == 0;
            });
            PrometheusText after = PrometheusText.scrape(metrics);
            assertThat(before.value("broker_authentications_failed_total", "reason", "wrong-password"))
                    .isZero();
            assertThat(after.value("broker_authentications_failed_total", "reason", "wrong-password"))
                    .isEqualTo(1);
            assertThat(after.value("broker_connects_total") - before.value("broker_connects_total"))
                    .isEqualTo(1);
            assertThat(after.value("broker_connect_packets_total") - before.value("broker_connect_packets_total"))
                    .isEqualTo(2);
            assertThat(after.value("broker_connections_current")).isZero();
            assertThat(after.has("jvm_memory_used_bytes")).isTrue();
        }

        try (ServerSocket released = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(released.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void alert_rules_use_broker_meter_names() throws Exception {
        Path extensionHome = install();
        Files.copy(TestUsers.write(folder), extensionHome.resolve("conf/users.yaml"));
        int port = freePort();
        Files.writeString(extensionHome.resolve("conf/security.properties"), "metrics.port=" + port + "\n");

        try (EmbeddedBroker ignored = startWithoutEmbeddedExtension()) {
            PrometheusText scrape = PrometheusText.scrape(URI.create("http://127.0.0.1:" + port + "/metrics"));

            assertThat(scrape.sampleNames())
                    .containsAll(AlertRules.load(AlertRules.projectFile()).metricNamesStartingWith("broker_"));
        }
    }

    @Test
    void invalid_metrics_port_lets_nobody_in() throws Exception {
        Path extensionHome = install();
        Files.copy(TestUsers.write(folder), extensionHome.resolve("conf/users.yaml"));
        Files.writeString(extensionHome.resolve("conf/security.properties"), "metrics.port=ninety\n");

        try (EmbeddedBroker broker = startWithoutEmbeddedExtension()) {
            assertThat(connectReasonCode(
                            broker.serverUri(), "ops", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN)))
                    .isEqualTo(SERVER_UNAVAILABLE);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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
