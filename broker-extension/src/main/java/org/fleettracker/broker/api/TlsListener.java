package org.fleettracker.broker.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A TLS MQTT listener of the embedded broker: HiveMQ's {@code <tls-tcp-listener>} with TLS 1.3 and 1.2 and no
 * client certificates, on the broker's bind address.
 *
 * <p>HiveMQ CE 2025.5 opens the key store as type JKS, which the JDK's JKS implementation extends to PKCS12 files
 * too ({@code keystore.type.compat=true}, the JDK default). With PKCS12, {@code keytool} uses the key store password
 * for the private key as well.
 *
 * @param port TCP port; 0 picks a free port when the broker is built
 * @param keyStorePath PKCS12 or JKS key store with the broker's private key and certificate
 * @param keyStorePassword password of the key store; {@link #toString()} hides it
 * @param privateKeyPassword password of the private key in the key store; {@link #toString()} hides it
 */
public record TlsListener(int port, Path keyStorePath, String keyStorePassword, String privateKeyPassword) {

    /** TLS versions the listener offers, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsListener {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("TLS port " + port + " is out of range [0, 65535]");
        }
        Objects.requireNonNull(keyStorePath, "keyStorePath");
        requireUsablePassword("key store password", keyStorePassword);
        requireUsablePassword("private key password", privateKeyPassword);
    }

    /** Creates a listener for a PKCS12 key store, whose private key has the key store's password. */
    public static TlsListener pkcs12(int port, Path keyStorePath, String password) {
        return new TlsListener(port, keyStorePath, password, password);
    }

    /** Returns a copy on another port, such as the free port picked for port 0. */
    TlsListener withPort(int listenerPort) {
        return new TlsListener(listenerPort, keyStorePath, keyStorePassword, privateKeyPassword);
    }

    /**
     * Opens the key store with both passwords as HiveMQ will, so that a wrong path or password fails here with a
     * clear message, before HiveMQ starts.
     *
     * @throws IllegalArgumentException naming the key store and what is wrong with it
     */
    void checkKeyStore() {
        if (!Files.isRegularFile(keyStorePath)) {
            throw new IllegalArgumentException("TLS key store " + keyStorePath + " not found");
        }
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance(keyStorePath.toFile(), keyStorePassword.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot open the TLS key store " + keyStorePath + ": " + e.getMessage()
                            + "; check the file and the key store password",
                    e);
        }
        requirePrivateKey(keyStore);
    }

    private void requirePrivateKey(KeyStore keyStore) {
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    Key key = keyStore.getKey(alias, privateKeyPassword.toCharArray());
                    if (key instanceof PrivateKey && keyStore.getCertificate(alias) != null) {
                        return;
                    }
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(
                    "Cannot read the private key in the TLS key store " + keyStorePath
                            + "; check the private key password",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot read the TLS key store " + keyStorePath + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("TLS key store " + keyStorePath
                + " contains no private key with a certificate; create one with keytool -genkeypair");
    }

    private static void requireUsablePassword(String name, String password) {
        Objects.requireNonNull(password, name);
        if (password.isEmpty()) {
            throw new IllegalArgumentException("The TLS " + name + " is empty");
        }
        // HiveMQ replaces ${...} in config.xml with an environment variable, which would change the password.
        if (password.contains("${")) {
            throw new IllegalArgumentException("The TLS " + name + " must not contain '${'");
        }
    }

    @Override
    public String toString() {
        return "TlsListener[port=" + port + ", keyStorePath=" + keyStorePath
                + ", keyStorePassword=***, privateKeyPassword=***]";
    }
}
