package org.fleettracker.broker.api;

import org.fleettracker.broker.testing.HiveMqProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fleettracker.broker.api.MqttTestClient.connectReasonCode;

/**
 * The packaged HiveMQ CE home ({@code target/hivemq-ce}) as a standalone broker process: HiveMQ loads the security
 * extension from its extensions folder, and the extension reads its users file and settings from its own
 * {@code conf} folder. Runs in Maven's verify phase, after the home is packaged.
 */
@Timeout(120)
class StandaloneHiveMqIT {

    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int CONNECTION_RATE_EXCEEDED = 0x9F;

    /** One broker with the default settings for the tests that only look at it; each start takes seconds. */
    @TempDir
    static Path sharedFolder;

    private static HiveMqProcess broker;

    @TempDir
    Path folder;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = HiveMqProcess.builder(sharedFolder)
                .usersFile(TestUsers.write(sharedFolder))
                .start();
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void standalone_broker_logs_that_it_started_the_extension() {
        assertThat(broker.logLines(HiveMqProcess.EXTENSION_STARTED))
                .singleElement()
                .asString()
                .contains("started successfully");
    }

    @Test
    void standalone_extension_reads_users_from_its_conf_folder() {
        Path usersFile = broker.extensionConf().resolve("users.yaml");

        assertThat(broker.logLines("Fleet security started with users from " + usersFile))
                .hasSize(1);
        assertThat(broker.logLines("No " + broker.extensionConf().resolve("security.properties")))
                .hasSize(1);
    }

    @Test
    void standalone_broker_accepts_configured_user() {
        assertThat(connectReasonCode(broker.serverUri(), "ops", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN)))
                .isZero();
    }

    @Test
    void standalone_broker_rejects_wrong_password_with_0x86() {
        assertThat(connectReasonCode(broker.serverUri(), "ops-wrong", TestUsers.ADMIN, "wrong-password"))
                .isEqualTo(BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void standalone_extension_applies_security_properties_of_its_conf_folder() throws Exception {
        try (HiveMqProcess limited = HiveMqProcess.builder(folder)
                .usersFile(TestUsers.write(folder))
                .securityProperties("login.max-failures-per-client-id=1\n")
                .start()) {
            connectReasonCode(limited.serverUri(), "ops", TestUsers.ADMIN, "wrong-password");

            assertThat(connectReasonCode(
                            limited.serverUri(), "ops", TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN)))
                    .isEqualTo(CONNECTION_RATE_EXCEEDED);
        }
    }

    @Test
    void packaged_extension_folder_equals_the_extension_zip() throws IOException {
        Path extension = HiveMqProcess.packagedHome().resolve("extensions").resolve(HiveMqProcess.EXTENSION_FOLDER);
        Path zip = Path.of(System.getProperty("extensionZip", "target/missing-extensionZip-property.zip"));

        assertThat(folderContents(extension)).isEqualTo(zipContents(zip));
    }

    /** Returns each file below {@code root} by its path relative to the folder above root, with its bytes. */
    private static Map<String, String> folderContents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                String name = root.getFileName() + "/"
                        + root.relativize(path).toString().replace('\\', '/');
                files.put(name, digest(Files.readAllBytes(path)));
            }
        }
        return files;
    }

    private static Map<String, String> zipContents(Path zip) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), digest(in.readAllBytes()));
                }
            }
        }
        return files;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
