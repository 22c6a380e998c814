package org.fleettracker.broker.api;

import org.fleettracker.protocol.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsListenerTest {

    @TempDir
    static Path folder;

    static Path keyStore;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void createKeyStore() throws Exception {
        keyStore = TestCertificates.keyStore(folder.resolve("broker.p12"), "ip:127.0.0.1");
    }

    @Test
    void wrong_key_store_password_fails_the_build() {
        var builder = EmbeddedBroker.builder().port(0).dataDir(dataDir).tls(TlsListener.pkcs12(0, keyStore, "wrong"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot open the TLS key store " + keyStore)
                .hasMessageContaining("key store password");
    }

    @Test
    void wrong_private_key_password_fails_the_build() {
        var listener = new TlsListener(0, keyStore, TestCertificates.PASSWORD, "wrong");
        var builder = EmbeddedBroker.builder().port(0).dataDir(dataDir).tls(listener);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private key password");
    }

    @Test
    void missing_key_store_fails_the_build() {
        Path missing = folder.resolve("missing.p12");
        var builder = EmbeddedBroker.builder()
                .port(0)
                .dataDir(dataDir)
                .tls(TlsListener.pkcs12(0, missing, TestCertificates.PASSWORD));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS key store " + missing + " not found");
    }

    @Test
    void trust_store_without_private_key_fails_the_build() throws Exception {
        Path pem = TestCertificates.exportPem(keyStore, folder.resolve("only-certificate.pem"));
        Path trustStore = TestCertificates.trustStore(pem, folder.resolve("only-certificate.p12"));
        var builder = EmbeddedBroker.builder()
                .port(0)
                .dataDir(dataDir)
                .tls(TlsListener.pkcs12(0, trustStore, TestCertificates.PASSWORD));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains no private key");
    }

    @Test
    void broker_without_any_listener_is_rejected() {
        var builder = EmbeddedBroker.builder().dataDir(dataDir).plainListener(false);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no TLS listener");
    }

    @Test
    void password_with_placeholder_is_rejected() {
        assertThatThrownBy(() -> TlsListener.pkcs12(0, keyStore, "a${HOME}b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${");
    }

    @Test
    void to_string_hides_the_passwords() {
        String text =
                TlsListener.pkcs12(8883, keyStore, TestCertificates.PASSWORD).toString();

        assertThat(text).doesNotContain(TestCertificates.PASSWORD);
    }

    @Test
    void config_file_with_passwords_is_readable_by_its_owner_only() throws Exception {
        EmbeddedBroker.builder()
                .port(0)
                .dataDir(dataDir)
                .tls(TlsListener.pkcs12(0, keyStore, TestCertificates.PASSWORD))
                .build();

        Path config = dataDir.resolve("conf").resolve("config.xml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
    }

    @Test
    void config_file_escapes_xml_characters_in_passwords() {
        var listener = TlsListener.pkcs12(8883, keyStore, "p&<>w");

        String xml = ListenerConfig.xml("127.0.0.1", null, listener);

        assertThat(xml).contains("<password>p&amp;&lt;&gt;w</password>");
    }
}
