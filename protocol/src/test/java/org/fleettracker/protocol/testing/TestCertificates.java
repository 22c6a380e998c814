package org.fleettracker.protocol.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed certificates made with the running JDK's {@code keytool}, so no private key is checked in. */
public final class TestCertificates {

    public static final String PASSWORD = "test-store-password";

    private TestCertificates() {}

    /**
     * Generates a PKCS12 key store with one EC key pair whose certificate names {@code san}, such as
     * {@code ip:127.0.0.1,dns:localhost}; the store and the key have the password {@link #PASSWORD}.
     */
    public static Path keyStore(Path keyStore, String san) throws IOException, InterruptedException {
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=fleet-tracker-test",
                "-ext",
                "SAN=" + san,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        return keyStore;
    }

    /** Exports the certificate of {@link #keyStore} as PEM. */
    public static Path exportPem(Path keyStore, Path pem) throws IOException, InterruptedException {
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                pem.toString());
        return pem;
    }

    /** Imports a PEM certificate into a new PKCS12 trust store protected by {@link #PASSWORD}. */
    public static Path trustStore(Path pem, Path trustStore) throws IOException, InterruptedException {
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "broker",
                "-file",
                pem.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trustStore.toString(),
                "-storepass",
                PASSWORD);
        return trustStore;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + args[0] + " timed out after 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }
}
