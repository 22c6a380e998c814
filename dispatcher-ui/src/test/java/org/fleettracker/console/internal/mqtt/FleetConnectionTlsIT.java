package org.fleettracker.console.internal.mqtt;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.TlsListener;
import org.fleettracker.console.api.ConnectionState;
import org.fleettracker.console.api.ConsoleSettings;
import org.fleettracker.console.internal.ConsoleDataDir;
import org.fleettracker.console.internal.model.FleetInbox;
import org.fleettracker.console.internal.model.FleetModel;
import org.fleettracker.console.testing.DemoFleet;
import org.fleettracker.protocol.testing.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console's connection to a broker that has only a TLS listener with a self-signed certificate. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FleetConnectionTlsIT {

    @TempDir
    Path folder;

    private final FleetInbox inbox = new FleetInbox(100);
    private final FleetModel model = new FleetModel(100);
    private EmbeddedBroker broker;
    private Path pem;
    private FleetConnection connection;

    @BeforeEach
    void startBroker() throws Exception {
        Path keyStore = TestCertificates.keyStore(folder.resolve("broker.p12"), "ip:127.0.0.1");
        pem = TestCertificates.exportPem(keyStore, folder.resolve("broker.pem"));
        broker = EmbeddedBroker.builder()
                .port(0)
                .plainListener(false)
                .tls(TlsListener.pkcs12(0, keyStore, TestCertificates.PASSWORD))
                .dataDir(folder.resolve("broker"))
                .build()
                .start(Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        broker.close();
    }

    @Test
    void console_trusting_the_certificate_receives_states() throws Exception {
        ConsoleSettings settings = settings().withTrustStore(pem, null);

        connection = start(settings);

        await().atMost(Duration.ofSeconds(30)).until(() -> connection.status().state() == ConnectionState.CONNECTED);
        publishOverTls(settings);
        await().atMost(Duration.ofSeconds(20)).until(() -> applied().size() == 3);
    }

    @Test
    void console_without_the_certificate_stays_disconnected() {
        connection = start(settings());

        // The status between attempts carries the reason; during an attempt it is CONNECTING without one.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> connection.connectAttempts() >= 2
                        && connection.status().state() == ConnectionState.DISCONNECTED);
        assertThat(connection.status().detail()).contains("TLS handshake failed", "trust store");
    }

    private ConsoleSettings settings() {
        return ConsoleSettings.of(
                        broker.tlsServerUri(),
                        DemoFleet.FLEET_ID,
                        ConsoleSettings.DEFAULT_USERNAME,
                        ConsoleSettings.DEFAULT_PASSWORD)
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    private FleetConnection start(ConsoleSettings settings) {
        ConsoleDataDir consoleDir = ConsoleDataDir.open(folder.resolve("console-" + System.nanoTime()), "dispatcher");
        FleetConnection started = new FleetConnection(settings, consoleDir, inbox, Clock.systemUTC());
        started.start();
        return started;
    }

    private void publishOverTls(ConsoleSettings settings) throws Exception {
        try (DemoFleet fleet =
                new DemoFleet(broker.tlsServerUri(), 3, Instant.parse("2026-03-01T08:00:00Z"), settings.sslContext())) {
            fleet.publishStep(0);
        }
    }

    private FleetModel applied() {
        model.apply(inbox.drain());
        return model;
    }
}
