package org.fleettracker.protocol.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

class TlsErrorsTest {

    @Test
    void nested_handshake_failure_is_described() {
        var failure =
                new IllegalStateException("connect failed", new SSLHandshakeException("PKIX path building failed"));

        assertThat(TlsErrors.describe(failure)).hasValueSatisfying(text -> assertThat(text)
                .startsWith("TLS handshake failed: PKIX path building failed")
                .contains("trust store"));
    }

    @Test
    void failure_without_tls_cause_is_empty() {
        var failure = new IllegalStateException("connect failed", new IOException("Connection refused"));

        assertThat(TlsErrors.describe(failure)).isEmpty();
    }
}
