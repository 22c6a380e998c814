package org.fleettracker.broker.api;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void broker_on_random_port_accepts_mqtt5_client() throws Exception {
        try (EmbeddedBroker broker =
                EmbeddedBroker.builder().port(0).dataDir(dataDir).build().start(Duration.ofSeconds(30))) {
            MqttClient client = new MqttClient(broker.serverUri(), "probe", new MemoryPersistence());

            client.connect(new MqttConnectionOptions());

            assertThat(client.isConnected()).isTrue();
            assertThat(broker.port()).isPositive();
            client.disconnect();
            client.close();
        }
    }

    @Test
    void packet_over_max_size_is_not_accepted() throws Exception {
        try (EmbeddedBroker broker =
                EmbeddedBroker.builder().port(0).dataDir(dataDir).build().start(Duration.ofSeconds(30))) {
            MqttClient client = new MqttClient(broker.serverUri(), "big-publisher", new MemoryPersistence());
            client.connect(new MqttConnectionOptions());
            client.publish("size/ok", new byte[EmbeddedBroker.MAX_PACKET_BYTES / 2], 1, false);

            assertThatThrownBy(
                            () -> client.publish("size/big", new byte[EmbeddedBroker.MAX_PACKET_BYTES * 2], 1, false))
                    .isInstanceOf(MqttException.class);

            client.close(true);
        }
    }
}
