package org.fleettracker.simulator.api;

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
import org.fleettracker.protocol.api.DecodeResult;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.Topics;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real Paho subscriber that records every message it receives, with its arrival time. */
final class MqttProbe implements AutoCloseable {

    /** One received message; {@code retained} is as published because the probe subscribes with that option. */
    record Received(String topic, byte[] payload, boolean retained, long arrivalNanos) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        Telemetry telemetry() {
            String vehicleId = Topics.parse(topic).orElseThrow().vehicleId();
            DecodeResult result = TelemetryCodec.decode(payload, vehicleId);
            if (result instanceof DecodeResult.Accepted accepted) {
                return accepted.telemetry();
            }
            throw new AssertionError("telemetry on " + topic + " was rejected: " + result);
        }
    }

    private final MqttAsyncClient client;
    private final List<Received> messages = new CopyOnWriteArrayList<>();

    private MqttProbe(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects with a clean session and subscribes to {@code filter} at QoS 1. */
    static MqttProbe subscribe(String serverUri, String clientId, String filter) throws MqttException {
        return subscribe(serverUri, clientId, filter, false);
    }

    /**
     * Connects and subscribes. A persistent probe keeps its session for an hour and reconnects on its own, so the
     * broker queues messages for it while it is away.
     */
    static MqttProbe subscribe(String serverUri, String clientId, String filter, boolean persistent)
            throws MqttException {
        return subscribe(serverUri, clientId, filter, persistent, new MqttConnectionOptions());
    }

    /** Connects with a clean session as {@code username}, as a broker with the security extension needs. */
    static MqttProbe subscribeAs(String serverUri, String clientId, String filter, String username, String password)
            throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        return subscribe(serverUri, clientId, filter, false, options);
    }

    private static MqttProbe subscribe(
            String serverUri, String clientId, String filter, boolean persistent, MqttConnectionOptions options)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        MqttProbe probe = new MqttProbe(client);
        client.setCallback(probe.new Recorder());
        options.setCleanStart(!persistent);
        options.setSessionExpiryInterval(persistent ? 3_600L : 0L);
        options.setAutomaticReconnect(persistent);
        options.setAutomaticReconnectDelay(1, 2);
        client.connect(options).waitForCompletion(10_000);
        MqttSubscription subscription = new MqttSubscription(filter, 1);
        subscription.setRetainAsPublished(true);
        client.subscribe(new MqttSubscription[] {subscription}).waitForCompletion(10_000);
        return probe;
    }

    List<Received> messages() {
        return List.copyOf(messages);
    }

    List<Received> on(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    List<Telemetry> telemetry() {
        return messages.stream()
                .filter(m -> m.topic().endsWith("/telemetry"))
                .map(Received::telemetry)
                .toList();
    }

    /** Publishes {@code payload} to {@code topic} at QoS 1, not retained, and waits for the PUBACK. */
    void publish(String topic, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        client.publish(topic, message).waitForCompletion(10_000);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close(true);
    }

    private final class Recorder implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            messages.add(new Received(topic, message.getPayload(), message.isRetained(), System.nanoTime()));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            // A persistent probe reconnects on its own; a clean one is closed by the test.
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            // Errors surface as missing messages in the test's assertions.
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // The probe does not publish.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // Subscriptions of a persistent session survive a reconnect.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // Not used.
        }
    }
}
