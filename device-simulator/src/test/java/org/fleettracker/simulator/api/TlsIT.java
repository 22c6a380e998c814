package org.fleettracker.simulator.api;

import org.fleettracker.broker.api.EmbeddedBroker;
import org.fleettracker.broker.api.TlsListener;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Vehicles that connect over TLS, trusting the broker's self-signed certificate from a trust store. */
@Timeout(120)
class TlsIT {

    private static final String FLEET = "demo";

    @TempDir
    static Path folder;

    private static EmbeddedBroker broker;
    private static Path trustStore;

    @BeforeAll
    static void startBroker() throws Exception {
        Path keyStore = TestCertificates.keyStore(folder.resolve("broker.p12"), "ip:127.0.0.1");
        Path pem = TestCertificates.exportPem(keyStore, folder.resolve("broker.pem"));
        trustStore = TestCertificates.trustStore(pem, folder.resolve("trust.p12"));
        broker = EmbeddedBroker.builder()
                .port(0)
                .tls(TlsListener.pkcs12(0, keyStore, TestCertificates.PASSWORD))
                .dataDir(folder.resolve("broker"))
                .build()
                .start(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void replay_over_tls_is_acknowledged() throws Exception {
        String topic = Topics.telemetry(FLEET, "tls-van-1");
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe-telemetry", topic);
                Simulator simulator = Simulator.start(replay("tls-van-1", 20))) {

            // Waits for the count instead of awaitCompletion, which can return one fix early (see SimulatorEngine).
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> simulator.summary().acknowledged() == 36);

            assertThat(simulator.summary().rejected()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.telemetry().size() == 36);
        }
    }

    @Test
    void dropped_tls_connection_publishes_the_will_and_reconnects() throws Exception {
        String presenceTopic = Topics.presence(FLEET, "tls-van-2");
        try (MqttProbe probe = MqttProbe.subscribe(broker.serverUri(), "probe-presence", presenceTopic);
                Simulator simulator = Simulator.start(replay("tls-van-2", 1))) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> texts(probe, presenceTopic).contains("online"));

            simulator.engine().links().get(0).dropConnection();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> texts(probe, presenceTopic).equals(List.of("online", "offline", "online")));
            assertThat(simulator.summary().reconnects()).isEqualTo(1);
        }
    }

    private static List<String> texts(MqttProbe probe, String topic) {
        return probe.on(topic).stream().map(MqttProbe.Received::text).toList();
    }

    private static SimulatorSettings replay(String vehicleId, double speedup) {
        return SimulatorSettings.builder()
                .brokerUrl(broker.tlsServerUri())
                .trustStore(trustStore, TestCertificates.PASSWORD)
                .fleetId(FLEET)
                .replayFile(ReplayIT.fixture("drive-1.1.gpx"))
                .replayVehicleId(vehicleId)
                .speedup(speedup)
                .reconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1), 0.2)
                .build();
    }
}
