package org.fleettracker.protocol.api;

import org.jspecify.annotations.Nullable;

import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Explains failed TLS connections. Paho 1.2.5 reports a failed handshake as an {@code MqttException} whose own
 * message does not mention TLS, so clients look for the {@link SSLException} among its causes.
 */
public final class TlsErrors {

    private TlsErrors() {}

    /**
     * Returns a message with what to check next when TLS caused a connect failure, for example an untrusted
     * certificate or one that does not name the broker's host. Returns empty for other failures.
     */
    public static Optional<String> describe(Throwable failure) {
        SSLException tls = findTlsCause(failure);
        if (tls == null) {
            return Optional.empty();
        }
        return Optional.of("TLS handshake failed: " + tls.getMessage()
                + "; check that the trust store contains the broker's certificate and that the certificate names"
                + " the host of the broker URL");
    }

    private static @Nullable SSLException findTlsCause(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof SSLException tls) {
                return tls;
            }
            current = current.getCause();
        }
        return null;
    }
}
