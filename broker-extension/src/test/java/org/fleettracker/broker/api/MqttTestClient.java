package org.fleettracker.broker.api;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Paho MQTT 5 client for tests that records received messages and returns reason codes instead of throwing. */
final class MqttTestClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttTestClient.class);
    private static final long TIMEOUT_MS = 10_000;
    private static final long CLOSE_TIMEOUT_MS = 2_000;
    private static final int NO_MATCHING_SUBSCRIBERS = 0x10;

    /** A message as received, with its topic. */
    record Received(String topic, String payload, boolean retained) {}

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean disconnectedByBroker;
    private volatile int disconnectReasonCode = -1;

    private MqttTestClient(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects; throws the broker's refusal as {@link MqttException} with the CONNACK reason code. */
    static MqttTestClient connect(
            String serverUri, String clientId, @Nullable String username, @Nullable String password)
            throws MqttException {
        return connect(serverUri, clientId, username, password, null);
    }

    static MqttTestClient connect(
            String serverUri,
            String clientId,
            @Nullable String username,
            @Nullable String password,
            @Nullable Will will)
            throws MqttException {
        MqttAsyncClient paho = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        MqttTestClient testClient = new MqttTestClient(paho);
        paho.setCallback(testClient.new Recorder());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (will != null) {
            MqttMessage willMessage = new MqttMessage(will.payload().getBytes(StandardCharsets.UTF_8), 1, true, null);
            options.setWill(will.topic(), willMessage);
        }
        try {
            paho.connect(options).waitForCompletion(TIMEOUT_MS);
        } catch (MqttException e) {
            paho.close(true);
            throw e;
        }
        return testClient;
    }

    /** Returns the CONNACK reason code of a refused connection attempt, or 0 when it connected. */
    static int connectReasonCode(
            String serverUri, String clientId, @Nullable String username, @Nullable String password) {
        try (MqttTestClient ignored = connect(serverUri, clientId, username, password)) {
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    /**
     * Publishes and returns the reason code of the acknowledgement: 0 (success) or 16 (no matching subscribers) when
     * accepted, 135 (NOT_AUTHORIZED) for a denied QoS 1 PUBLISH, or a Paho client error code such as 32104 (not
     * connected). QoS 0 publishes return 0 as soon as they are sent.
     */
    int publish(String topic, String payload, int qos, boolean retained) {
        try {
            IMqttToken token = client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
            token.waitForCompletion(TIMEOUT_MS);
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    /** Subscribes with QoS 1 and returns the SUBACK reason code: 1 when granted, 135 when not authorized. */
    int subscribe(String filter) {
        try {
            IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
            token.waitForCompletion(TIMEOUT_MS);
            return token.getReasonCodes()[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Returns whether an accepted PUBLISH was acknowledged with {@code reasonCode}. */
    static boolean accepted(int reasonCode) {
        return reasonCode == 0 || reasonCode == NO_MATCHING_SUBSCRIBERS;
    }

    boolean wasDisconnectedByBroker() {
        return disconnectedByBroker;
    }

    /** Returns the reason code of the broker's DISCONNECT, or -1 while connected or when none was received. */
    int disconnectReasonCode() {
        return disconnectReasonCode;
    }

    String clientId() {
        return client.getClientId();
    }

    /** Drops the TCP connection without DISCONNECT, so that the broker sends the will message. */
    void dropConnection() throws MqttException {
        client.disconnectForcibly(0, 0, false);
    }

    /** Disconnects if still connected and releases the client; never throws, so that cleanup goes on. */
    @Override
    public void close() {
        try {
            if (client.isConnected() && !disconnectedByBroker) {
                client.disconnect(0).waitForCompletion(CLOSE_TIMEOUT_MS);
            }
        } catch (MqttException | RuntimeException e) {
            // The broker may close the connection at the same moment, after a denied PUBLISH.
            log.debug("Disconnecting test client {} failed: {}", client.getClientId(), e.toString());
            forceDisconnect();
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // Paho 1.2.5 can fail to close a client whose connection the broker has just dropped.
            log.debug("Closing test client {} failed: {}", client.getClientId(), e.toString());
        }
    }

    private void forceDisconnect() {
        try {
            client.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            log.debug("Dropping the connection of test client {} failed: {}", client.getClientId(), e.toString());
        }
    }

    /** A will message, always retained with QoS 1. */
    record Will(String topic, String payload) {}

    private final class Recorder implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            disconnectReasonCode = response.getReturnCode();
            disconnectedByBroker = true;
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            // Errors surface through the tokens that the test waits on.
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new Received(
                    topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained()));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Publish results are read from the token.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // Nothing to record.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // Enhanced authentication is not used.
        }
    }
}
