package org.fleettracker.protocol.api;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS client settings of an MQTT client from a trust store file, so that it trusts exactly the
 * certificates in that file (for example a broker's self-signed certificate) instead of the JVM's trust store.
 */
public final class TrustStores {

    private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

    private TrustStores() {}

    /**
     * Loads a trust store and returns a TLS client context that trusts its certificates.
     *
     * @param file a PKCS12 or JKS key store, or a PEM file of one or more certificates (as {@code keytool
     *     -exportcert -rfc} writes it)
     * @param password password of a PKCS12 or JKS file; null for a PEM file. {@code keytool} encrypts the
     *     certificates of a PKCS12 file, so such a file needs its password.
     * @throws IllegalArgumentException when the file is missing, cannot be read with the password, or contains no
     *     certificate; the message names the file
     */
    public static SSLContext clientContext(Path file, char @Nullable [] password) {
        KeyStore trusted = load(file, password);
        try {
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot use the trust store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a trust store file as a {@link KeyStore}; see {@link #clientContext(Path, char[])} for the formats.
     *
     * @throws IllegalArgumentException when the file is missing, unreadable or contains no certificate
     */
    public static KeyStore load(Path file, char @Nullable [] password) {
        KeyStore store;
        try {
            store = isPem(file) ? fromPem(file) : KeyStore.getInstance(file.toFile(), password);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Trust store " + file + " not found", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot read the trust store " + file + ": " + e.getMessage() + "; check the file and its password",
                    e);
        }
        requireCertificate(file, store, password);
        return store;
    }

    private static boolean isPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String start = new String(in.readNBytes(4096), StandardCharsets.US_ASCII);
            return start.contains(PEM_CERTIFICATE);
        }
    }

    private static KeyStore fromPem(Path file) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("certificate-" + index++, certificate);
        }
        return store;
    }

    private static void requireCertificate(Path file, KeyStore store, char @Nullable [] password) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) != null) {
                    return;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the trust store " + file + ": " + e.getMessage(), e);
        }
        String hint = password == null ? "; a PKCS12 file needs its password to show its certificates" : "";
        throw new IllegalArgumentException("Trust store " + file + " contains no certificate" + hint);
    }
}
