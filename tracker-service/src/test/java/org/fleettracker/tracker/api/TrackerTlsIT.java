package org.fleettracker.tracker.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.FleetSecurityExtension;
import org.fleettracker.broker.api.TlsListener;
import org.fleettracker.protocol.testing.TestCertificates;
import org.fleettracker.simulator.api.Simulator;
import org.fleettracker.simulator.api.SimulatorSettings;
import org.fleettracker.tracker.testing.TestUsers;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The tracker with only a TLS listener: its own client and the simulator's vehicles both connect over TLS. */
@Timeout(180)
class TrackerTlsIT {

    private static final String VEHICLE = "tls-replay-van";
    /** Track points in the fixture delivery-drive.gpx. */
    private static final int TRACK_POINTS = 74;

    @TempDir
    Path folder;

    @Test
    void simulator_over_tls_stores_every_fix() throws Exception {
        Path keyStore = TestCertificates.keyStore(folder.resolve("broker.p12"), "ip:127.0.0.1,dns:localhost");
        Path pem = TestCertificates.exportPem(keyStore, folder.resolve("broker.pem"));
        TrackerSettings settings = tlsOnly(keyStore, TestCertificates.PASSWORD);
        try (Tracker tracker = Tracker.start(settings)) {
            assertThat(tracker.mqttServerUri()).startsWith("ssl://");

            long acknowledged = replayOverTls(Objects.requireNonNull(tracker.mqttTlsServerUri()), pem);

            assertThat(acknowledged).isEqualTo(TRACK_POINTS);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TrackerHarness.count(
                                    settings.dataDir(),
                                    "SELECT COUNT(*) FROM positions WHERE vehicle_id = '" + VEHICLE + "'")
                            == TRACK_POINTS);
        }
    }

    @Test
    void wrong_keystore_password_stops_the_start() throws Exception {
        Path keyStore = TestCertificates.keyStore(folder.resolve("broker.p12"), "ip:127.0.0.1");
        TrackerSettings settings = tlsOnly(keyStore, "not-the-password");

        assertThatThrownBy(() -> Tracker.start(settings).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot open the TLS key store " + keyStore);
    }

    @Test
    void external_tls_broker_is_trusted_through_the_trust_store() throws Exception {
        Path keyStore = TestCertificates.keyStore(folder.resolve("external.p12"), "ip:127.0.0.1,dns:localhost");
        Path pem = TestCertificates.exportPem(keyStore, folder.resolve("external.pem"));
        try (EmbeddedBroker broker = externalTlsBroker(keyStore);
                Tracker tracker = Tracker.start(TrackerHarness.settings(folder)
                        .brokerUrl(broker.tlsServerUri())
                        .mqttTrustStore(pem)
                        .build())) {
            assertThat(tracker.mqttServerUri()).isEqualTo(broker.tlsServerUri());
            assertThat(TrackerHarness.get(tracker, "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void external_tls_broker_without_trust_store_stops_the_start() throws Exception {
        Path keyStore = TestCertificates.keyStore(folder.resolve("external.p12"), "ip:127.0.0.1,dns:localhost");
        try (EmbeddedBroker broker = externalTlsBroker(keyStore)) {
            TrackerSettings settings = TrackerHarness.settings(folder)
                    .brokerUrl(broker.tlsServerUri())
                    .connectTimeoutMs(5_000)
                    .build();

            assertThatThrownBy(() -> Tracker.start(settings).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Connecting to the MQTT broker " + broker.tlsServerUri());
        }
    }

    /** Starts a broker with only a TLS listener, as an external broker with a certificate of a private CA. */
    private EmbeddedBroker externalTlsBroker(Path keyStore) throws Exception {
        return EmbeddedBroker.builder()
                .port(0)
                .plainListener(false)
                .tls(TlsListener.pkcs12(0, keyStore, TestCertificates.PASSWORD))
                .dataDir(folder.resolve("external-broker"))
                .extension(new FleetSecurityExtension(TestUsers.write(folder.resolve("broker-users"))))
                .build()
                .start(Duration.ofSeconds(60));
    }

    private TrackerSettings tlsOnly(Path keyStore, String password) throws Exception {
        return TrackerHarness.settings(folder)
                .mqttPlainEnabled(false)
                .mqttTlsPort(0)
                .mqttTlsKeyStore(keyStore)
                .mqttTlsKeyStorePassword(password)
                .build();
    }

    private long replayOverTls(String brokerUrl, Path trustedPem) throws Exception {
        Path gpx = folder.resolve("drive.gpx");
        try (var fixture = TrackerTlsIT.class.getResourceAsStream("/gpx/delivery-drive.gpx")) {
            Files.copy(Objects.requireNonNull(fixture, "GPX fixture delivery-drive.gpx"), gpx);
        }
        SimulatorSettings settings = SimulatorSettings.builder()
                .brokerUrl(brokerUrl)
                .trustStore(trustedPem, null)
                .username(TestUsers.DEMO_VEHICLES)
                .password(TestUsers.VEHICLE_PASSWORD)
                .fleetId(TestUsers.FLEET)
                .replayFile(gpx)
                .replayVehicleId(VEHICLE)
                .speedup(20)
                .build();
        try (Simulator simulator = Simulator.start(settings)) {
            // Waits for the count: the simulator's awaitCompletion can return before its last fix is sent.
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> simulator.summary().acknowledged() >= TRACK_POINTS);
            return simulator.summary().acknowledged();
        }
    }
}
