package org.fleettracker.simulator.bench;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * A QoS 1 subscriber on {@code TCP_NODELAY} sockets that hands each message's topic and payload to a handler on
 * Paho's callback thread. Paho acknowledges a message after the handler returns.
 */
final class BenchSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BenchSubscriber.class);

    /** How long connecting, subscribing and disconnecting may each take. */
    private static final long ACTION_TIMEOUT_MS = 30_000;

    private final MqttAsyncClient client;

    private BenchSubscriber(MqttAsyncClient client) {
        this.client = client;
    }

    /**
     * Connects with a clean session and subscribes to {@code topicFilter} at QoS 1.
     *
     * @throws MqttException when connecting or subscribing fails or times out
     */
    static BenchSubscriber start(
            String brokerUrl,
            String clientId,
            String username,
            String password,
            String topicFilter,
            BiConsumer<String, byte[]> handler)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        client.setCallback(new Callback(clientId, handler));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setSocketFactory(NoDelaySocketFactory.forUri(brokerUrl, null));
        client.connect(options).waitForCompletion(ACTION_TIMEOUT_MS);
        IMqttToken subscribed = client.subscribe(topicFilter, 1);
        subscribed.waitForCompletion(ACTION_TIMEOUT_MS);
        int[] codes = subscribed.getReasonCodes();
        if (codes == null || codes.length == 0 || codes[0] >= 0x80) {
            client.disconnect().waitForCompletion(ACTION_TIMEOUT_MS);
            client.close();
            throw new MqttException(
                    codes == null || codes.length == 0 ? MqttException.REASON_CODE_CLIENT_EXCEPTION : codes[0]);
        }
        log.debug("Subscriber {} subscribed to {} on {}", clientId, topicFilter, brokerUrl);
        return new BenchSubscriber(client);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(ACTION_TIMEOUT_MS);
            }
            client.close();
        } catch (MqttException e) {
            log.warn("Closing the subscriber {} failed: {}", client.getClientId(), e.getMessage());
        }
    }

    private record Callback(String clientId, BiConsumer<String, byte[]> handler) implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("Subscriber {} lost its connection: {}", clientId, response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("Subscriber {} got an MQTT error: {}", clientId, exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            handler.accept(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
