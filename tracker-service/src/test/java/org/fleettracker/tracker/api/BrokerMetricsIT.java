package org.fleettracker.tracker.api;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.tracker.testing.TrackerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The embedded broker's security counters on the tracker's {@code /metrics}. */
@Timeout(120)
class BrokerMetricsIT {

    private static final String WRONG_PASSWORD_SAMPLE =
            "broker_authentications_failed_total{reason=\"wrong-password\"}";

    @TempDir
    Path folder;

    private Tracker tracker;

    @BeforeEach
    void startTracker() throws Exception {
        tracker = Tracker.start(TrackerHarness.settings(folder).build());
    }

    @AfterEach
    void stopTracker() {
        tracker.close();
    }

    @Test
    void failed_login_shows_on_metrics() throws Exception {
        double before = TrackerHarness.metric(tracker, WRONG_PASSWORD_SAMPLE);

        assertThatThrownBy(() -> connect("intruder-1", "tracker", "not-the-password"))
                .isInstanceOf(MqttException.class);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> TrackerHarness.metric(tracker, WRONG_PASSWORD_SAMPLE) == before + 1);
    }

    @Test
    void tracker_connect_shows_on_metrics() throws Exception {
        assertThat(TrackerHarness.metric(tracker, "broker_connects_total")).isGreaterThanOrEqualTo(1);
    }

    private void connect(String clientId, String username, String password) throws MqttException {
        MqttClient client = new MqttClient(tracker.mqttServerUri(), clientId, new MemoryPersistence());
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            client.connect(options);
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
