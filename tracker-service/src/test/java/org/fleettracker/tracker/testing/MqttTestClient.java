package org.fleettracker.tracker.testing;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.Topics;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** A real Paho MQTT 5 client for tests: a vehicle, a viewer or a dispatcher. */
public final class MqttTestClient implements AutoCloseable {

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private MqttTestClient(MqttClient client) {
        this.client = client;
    }

    /** A message a subscription delivered. */
    public record Received(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * Connects with clean start and the given credentials.
     *
     * @param username null connects without user name and password
     * @throws MqttException when the broker rejects the connection
     */
    public static MqttTestClient connect(String serverUri, String clientId, @Nullable String username)
            throws MqttException {
        return connect(serverUri, clientId, username, username == null ? null : TestUsers.passwordOf(username));
    }

    /**
     * Connects with clean start, the given user name and password, such as an access token.
     *
     * @throws MqttException when the broker rejects the connection
     */
    public static MqttTestClient connect(
            String serverUri, String clientId, @Nullable String username, @Nullable String password)
            throws MqttException {
        MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options);
        return new MqttTestClient(client);
    }

    /** Connects as a vehicle of the demo fleet; its client id is its vehicle id. */
    public static MqttTestClient vehicle(String serverUri, String vehicleId) throws MqttException {
        return connect(serverUri, vehicleId, TestUsers.DEMO_VEHICLES);
    }

    /** Publishes one fix at QoS 1 and waits for the PUBACK. */
    public void publishFix(String fleetId, Telemetry fix) throws MqttException {
        publish(Topics.telemetry(fleetId, fix.vehicleId()), TelemetryCodec.encode(fix), false);
    }

    /** Publishes this vehicle's presence, retained, at QoS 1. */
    public void publishPresence(String fleetId, String vehicleId, Presence presence) throws MqttException {
        publish(Topics.presence(fleetId, vehicleId), presence.payload(), true);
    }

    /** Publishes at QoS 1 and waits for the PUBACK. */
    public void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        publish(topic, payload, retained, new MqttProperties());
    }

    /** Publishes at QoS 1 with MQTT 5 properties, such as user properties, and waits for the PUBACK. */
    public void publish(String topic, byte[] payload, boolean retained, MqttProperties properties)
            throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        message.setProperties(properties);
        // Paho may report the previous PUBACK's token complete before it frees the in-flight slot.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> tryPublish(topic, message));
    }

    private boolean tryPublish(String topic, MqttMessage message) throws MqttException {
        try {
            client.publish(topic, message);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            throw e;
        }
    }

    /** Subscribes at QoS 1; every delivered message lands in {@link #received()}. */
    public void subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(
                new MqttSubscription[] {new MqttSubscription(filter, 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                    (topic, message) -> received.add(new Received(topic, message.getPayload(), message.isRetained()))
                });
        int code = token.getReasonCodes()[0];
        if (code >= 0x80) {
            throw new MqttException(code);
        }
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
