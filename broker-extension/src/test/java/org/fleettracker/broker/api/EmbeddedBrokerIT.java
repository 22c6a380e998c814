package org.fleettracker.broker.api;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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

    @Test
    void unacknowledged_window_follows_max_inflight_window() throws Exception {
        int window = 300;
        try (EmbeddedBroker broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(dataDir)
                .maxInflightWindow(window)
                .build()
                .start(Duration.ofSeconds(30))) {
            AtomicInteger received = new AtomicInteger();
            AtomicInteger firstMessageId = new AtomicInteger();
            MqttAsyncClient subscriber = new MqttAsyncClient(broker.serverUri(), "slow-store", new MemoryPersistence());
            subscriber.setManualAcks(true);
            subscriber.setCallback(new CountingCallback(received, firstMessageId));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setReceiveMaximum(65_535);
            subscriber.connect(options).waitForCompletion(10_000);
            subscriber.subscribe("window/#", 1).waitForCompletion(10_000);
            MqttClient publisher = new MqttClient(broker.serverUri(), "fast-source", new MemoryPersistence());
            MqttConnectionOptions publisherOptions = new MqttConnectionOptions();
            publisherOptions.setSocketFactory(NoDelaySocketFactory.forUri(broker.serverUri(), null));
            publisher.connect(publisherOptions);

            for (int i = 0; i < window + 100; i++) {
                String topic = "window/" + i;
                // Paho 1.2.5 may count a completed publish as in flight for a moment and then throw 32202.
                await().pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(1))
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> published(publisher, topic));
            }

            // The broker sends the first message at once and queues the rest behind it. The PUBACK of the first makes
            // it send the queued ones up to the window. HiveMQ's own window of 50 would stop at 51 messages.
            await().atMost(Duration.ofSeconds(20)).until(() -> received.get() >= 1);
            subscriber.messageArrivedComplete(firstMessageId.get(), 1);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(received.get()).isGreaterThanOrEqualTo(window));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> received.get() > 0);
            assertThat(received.get()).isEqualTo(window + 1);
            publisher.disconnect();
            publisher.close();
            subscriber.disconnectForcibly(0, 1_000, false);
            subscriber.close(true);
        }
    }

    @Test
    void connack_carries_server_receive_maximum() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.builder()
                .port(0)
                .dataDir(dataDir)
                .serverReceiveMaximum(250)
                .build()
                .start(Duration.ofSeconds(30))) {
            MqttAsyncClient client = new MqttAsyncClient(broker.serverUri(), "publisher", new MemoryPersistence());

            IMqttToken connect = client.connect(new MqttConnectionOptions());
            connect.waitForCompletion(10_000);

            assertThat(connect.getResponseProperties().getReceiveMaximum()).isEqualTo(250);
            client.disconnect().waitForCompletion(10_000);
            client.close();
        }
    }

    @Test
    void max_inflight_window_out_of_range_is_rejected() {
        assertThatThrownBy(() -> EmbeddedBroker.builder().maxInflightWindow(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> EmbeddedBroker.builder().maxInflightWindow(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 70000");
    }

    private static boolean published(MqttClient publisher, String topic) throws MqttException {
        try {
            publisher.publish(topic, new byte[] {1}, 1, false);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            throw e;
        }
    }

    /** Counts arrivals and keeps the id of the first; it acknowledges nothing itself. */
    private record CountingCallback(AtomicInteger received, AtomicInteger firstMessageId) implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            throw new AssertionError("disconnected: " + response);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            throw new AssertionError("error: " + exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (received.incrementAndGet() == 1) {
                firstMessageId.set(message.getId());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
