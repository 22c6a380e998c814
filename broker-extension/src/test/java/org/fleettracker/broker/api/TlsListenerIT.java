package org.fleettracker.broker.api;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.fleettracker.protocol.api.TrustStores;
import org.fleettracker.protocol.testing.TestCertificates;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsListenerIT {

    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;

    @TempDir
    static Path folder;

    private static EmbeddedBroker broker;
    private static SSLContext trustingBroker;

    @BeforeAll
    static void startBroker() throws Exception {
        Path keyStore = TestCertificates.keyStore(folder.resolve("broker.p12"), "ip:127.0.0.1,dns:localhost");
        Path pem = TestCertificates.exportPem(keyStore, folder.resolve("broker.pem"));
        trustingBroker = TrustStores.clientContext(pem, null);
        broker = EmbeddedBroker.builder()
                .port(0)
                .tls(TlsListener.pkcs12(0, keyStore, TestCertificates.PASSWORD))
                .dataDir(folder.resolve("broker"))
                .extension(new FleetSecurityExtension(TestUsers.write(folder)))
                .build()
                .start(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void client_trusting_the_certificate_connects_over_tls() throws Exception {
        MqttClient client = connect(broker.tlsServerUri(), trustingBroker, TestUsers.ADMIN);

        assertThat(client.isConnected()).isTrue();
        assertThat(client.getCurrentServerURI()).startsWith("ssl://");
        client.disconnect();
        client.close();
    }

    @Test
    void tls_port_differs_from_plain_port() {
        assertThat(broker.tlsPort()).isPositive().isNotEqualTo(broker.port());
    }

    @Test
    void client_trusting_only_the_jvm_trust_store_fails_the_handshake() {
        assertThatThrownBy(() -> connect(broker.tlsServerUri(), null, TestUsers.ADMIN))
                .isInstanceOf(MqttException.class)
                .cause()
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path building failed");
    }

    @Test
    void wrong_password_over_tls_is_rejected() {
        assertThatThrownBy(() -> connect(broker.tlsServerUri(), trustingBroker, TestUsers.ADMIN, "wrong-password"))
                .isInstanceOfSatisfying(
                        MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void plain_listener_still_accepts_clients() throws Exception {
        MqttClient client = connect(broker.serverUri(), null, TestUsers.ADMIN);

        assertThat(client.isConnected()).isTrue();
        client.disconnect();
        client.close();
    }

    @Test
    void plain_client_on_the_tls_port_is_not_connected() {
        String plainUriOfTlsPort = "tcp://127.0.0.1:" + broker.tlsPort();

        assertThatThrownBy(() -> connect(plainUriOfTlsPort, null, TestUsers.ADMIN))
                .isInstanceOf(MqttException.class);
    }

    private static MqttClient connect(String serverUri, @Nullable SSLContext sslContext, String username)
            throws MqttException {
        return connect(serverUri, sslContext, username, TestUsers.passwordOf(username));
    }

    /** Connects with hostname verification on and a TCP_NODELAY socket factory, as the project's clients do. */
    static MqttClient connect(String serverUri, @Nullable SSLContext sslContext, String username, String password)
            throws MqttException {
        MqttClient client = new MqttClient(serverUri, "tls-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(10);
        options.setHttpsHostnameVerificationEnabled(true);
        options.setSocketFactory(NoDelaySocketFactory.forUri(serverUri, sslContext));
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }
}
