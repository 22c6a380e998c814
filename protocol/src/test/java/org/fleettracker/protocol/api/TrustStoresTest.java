package org.fleettracker.protocol.api;

import org.fleettracker.protocol.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustStoresTest {

    @TempDir
    static Path folder;

    static Path pem;
    static Path pkcs12;

    @BeforeAll
    static void createCertificates() throws Exception {
        Path keyStore = TestCertificates.keyStore(folder.resolve("broker.p12"), "ip:127.0.0.1");
        pem = TestCertificates.exportPem(keyStore, folder.resolve("broker.pem"));
        pkcs12 = TestCertificates.trustStore(pem, folder.resolve("trust.p12"));
    }

    @Test
    void pem_file_loads_its_certificate() throws Exception {
        KeyStore store = TrustStores.load(pem, null);

        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void pkcs12_file_loads_with_its_password() throws Exception {
        KeyStore store = TrustStores.load(pkcs12, TestCertificates.PASSWORD.toCharArray());

        assertThat(store.containsAlias("broker")).isTrue();
    }

    @Test
    void pkcs12_file_with_wrong_password_is_rejected() {
        assertThatThrownBy(() -> TrustStores.load(pkcs12, "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pkcs12.toString())
                .hasMessageContaining("password");
    }

    @Test
    void pkcs12_file_without_password_is_rejected() {
        assertThatThrownBy(() -> TrustStores.load(pkcs12, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains no certificate");
    }

    @Test
    void missing_file_is_rejected() {
        Path missing = folder.resolve("missing.p12");

        assertThatThrownBy(() -> TrustStores.load(missing, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void file_without_certificates_is_rejected() throws Exception {
        Path text = Files.writeString(folder.resolve("notes.txt"), "no certificate here");

        assertThatThrownBy(() -> TrustStores.load(text, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void client_context_is_created_from_pem() {
        assertThat(TrustStores.clientContext(pem, null).getProtocol()).isEqualTo("TLS");
    }
}
