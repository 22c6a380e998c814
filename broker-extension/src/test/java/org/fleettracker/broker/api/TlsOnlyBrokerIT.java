package org.fleettracker.broker.api;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.protocol.api.TrustStores;
import org.fleettracker.protocol.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broker with the plain listener off and a certificate that names only {@code localhost}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsOnlyBrokerIT {

    @TempDir
    static Path folder;

    private static EmbeddedBroker broker;
    private static SSLContext trustingBroker;
    private static int unusedPlainPort;

    @BeforeAll
    static void startBroker() throws Exception {
        Path keyStore = TestCertificates.keyStore(folder.resolve("localhost.p12"), "dns:localhost");
        trustingBroker =
                TrustStores.clientContext(TestCertificates.exportPem(keyStore, folder.resolve("localhost.pem")), null);
        unusedPlainPort = freePort();
        broker = EmbeddedBroker.builder()
                .port(unusedPlainPort)
                .plainListener(false)
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
    void host_name_in_the_certificate_connects() throws Exception {
        String uri = "ssl://localhost:" + broker.tlsPort();

        MqttClient client =
                TlsListenerIT.connect(uri, trustingBroker, TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN));

        assertThat(client.isConnected()).isTrue();
        client.disconnect();
        client.close();
    }

    @Test
    void address_missing_from_the_certificate_fails_hostname_verification() {
        String uri = "ssl://127.0.0.1:" + broker.tlsPort();

        assertThatThrownBy(() -> TlsListenerIT.connect(
                        uri, trustingBroker, TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN)))
                .isInstanceOf(MqttException.class)
                .cause()
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1");
    }

    @Test
    void server_uri_is_the_tls_listener() {
        assertThat(broker.serverUri()).isEqualTo(broker.tlsServerUri());
    }

    @Test
    void plain_port_is_not_available() {
        assertThat(broker.hasPlainListener()).isFalse();
        assertThatThrownBy(broker::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void plain_listener_does_not_accept_connections() {
        String uri = "tcp://127.0.0.1:" + unusedPlainPort;

        assertThatThrownBy(
                        () -> TlsListenerIT.connect(uri, null, TestUsers.ADMIN, TestUsers.passwordOf(TestUsers.ADMIN)))
                .isInstanceOf(MqttException.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
