package org.fleettracker.tracker.internal.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.fleettracker.protocol.api.OwnTracksTopics;
import org.fleettracker.protocol.api.TelemetryProperties;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.dispatch.CommandPublisher;
import org.fleettracker.tracker.internal.ingest.InboundMessage;
import org.fleettracker.tracker.internal.ingest.MqttOutbound;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;

/**
 * The tracker's MQTT 5 connection: subscribes to all telemetry and all OwnTracks locations and transitions (as a
 * member of the shared tracker group) and all presence and command acks, hands each message to a sink, and
 * acknowledges it only when the ingest calls {@link #acknowledge}. It also publishes commands for the
 * {@link CommandPublisher} without waiting.
 *
 * <p>Manual acknowledgements in Paho 1.2.5 ({@code org.eclipse.paho.mqttv5.client.internal.CommsCallback}): with
 * {@code setManualAcks(true)} the callback thread skips its PUBACK after {@code messageArrived}, and
 * {@code messageArrivedComplete(id, qos)} sends it later from any thread. Paho sets no limit of its own on
 * unacknowledged inbound messages. The broker sends at most the receive maximum from CONNECT before it waits for
 * PUBACKs, and Paho leaves that property out unless it is set, which means 65,535. HiveMQ CE 2025.5 caps its window
 * further at {@code InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES}: 50 by default, 1,000 in the embedded
 * broker ({@code EmbeddedBroker.maxInflightWindow}). A batch contains at most that many unacknowledged messages, and
 * the ingest commits early when the stream pauses ({@code batchLingerMs}). An exception thrown from
 * {@code messageArrived} makes Paho drop the connection, so the sink must not throw.
 *
 * <p>Paho's callback thread matches per-subscription listeners with {@code MqttTopic.isMatched}, which does not
 * understand {@code $share/...} filters, so messages go through the client-wide {@link MqttCallback}.
 */
public final class TrackerMqttClient implements MqttCallback, MqttOutbound, CommandPublisher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackerMqttClient.class);

    /** Connect, drop and failed-auth events, one line each, so they can be routed to their own file. */
    private static final Logger connectionLog = LoggerFactory.getLogger("org.fleettracker.tracker.connections");

    private static final int QOS_1 = 1;

    /** DISCONNECT reason code 0x94: a PUBLISH named a topic alias the connection does not know. */
    private static final int TOPIC_ALIAS_INVALID = 0x94;

    /** DISCONNECT reason code 0x8E: another connection with the same client id took over the session. */
    private static final int SESSION_TAKEN_OVER = 0x8E;

    private static final long DISCONNECT_QUIESCE_MS = 5_000;
    private static final long RECONNECT_QUIESCE_MS = 1_000;
    private static final int RECONNECT_MIN_DELAY_SECONDS = 1;
    private static final int RECONNECT_MAX_DELAY_SECONDS = 30;

    private final TrackerSettings settings;
    private final SocketFactory socketFactory;
    private final ScheduledExecutorService replacer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mqtt-client-replacer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean replacing = new AtomicBoolean();
    private final AtomicBoolean connectedOnce = new AtomicBoolean();
    private volatile MqttAsyncClient client;
    private final Consumer<InboundMessage> sink;
    private final TrackerMetrics metrics;
    private final PublishWindow inflightPublishes;
    private final AtomicLong connectionEpoch = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong publishesSent = new AtomicLong();
    private volatile boolean subscribed;
    private volatile boolean accepting = true;

    /**
     * Creates the client; {@link #connectAndSubscribe()} connects it.
     *
     * @param sslContext trusted certificates for an {@code ssl://} server URI; null trusts the JVM's trust store
     */
    public TrackerMqttClient(
            TrackerSettings settings,
            String serverUri,
            @Nullable SSLContext sslContext,
            Consumer<InboundMessage> sink,
            TrackerMetrics metrics) {
        this.settings = settings;
        this.socketFactory = NoDelaySocketFactory.forUri(serverUri, sslContext);
        this.sink = sink;
        this.metrics = metrics;
        this.inflightPublishes = new PublishWindow(settings.mqttMaxInflightPublishes());
        this.client = newClient(serverUri);
    }

    private MqttAsyncClient newClient(String serverUri) {
        MqttAsyncClient created;
        try {
            created = new MqttAsyncClient(serverUri, settings.mqttClientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException(
                    "Cannot create the MQTT client for " + serverUri + ": " + e.getMessage(), e);
        }
        created.setCallback(new CurrentClientCallback(created));
        created.setManualAcks(true);
        return created;
    }

    /**
     * Connects and subscribes, waiting at most {@code connectTimeoutMs}.
     *
     * @throws IllegalStateException when the broker rejects the connection or the subscription, or times out
     */
    public void connectAndSubscribe() {
        try {
            IMqttToken connect = client.connect(connectionOptions());
            connect.waitForCompletion(settings.connectTimeoutMs());
            sizePublishWindow(connect);
            IMqttToken subscribe = client.subscribe(subscriptions());
            subscribe.waitForCompletion(settings.connectTimeoutMs());
            checkGranted(subscribe);
        } catch (MqttException e) {
            throw new IllegalStateException(
                    "Connecting to the MQTT broker " + client.getServerURI() + " as " + settings.mqttUsername()
                            + " failed: " + e.getMessage(),
                    e);
        }
        subscribed = true;
        if (!connectedOnce.compareAndSet(false, true)) {
            metrics.mqtt().reconnected();
        }
        connectionLog.info(
                "Tracker {} connected to {} and subscribed to {}",
                settings.mqttClientId(),
                client.getServerURI(),
                subscriptions()[0].getTopic());
    }

    private void sizePublishWindow(IMqttToken connect) {
        Integer serverReceiveMaximum = connect.getResponseProperties() == null
                ? null
                : connect.getResponseProperties().getReceiveMaximum();
        int size = inflightPublishes.resize(serverReceiveMaximum);
        if (size < settings.mqttMaxInflightPublishes()) {
            log.info(
                    "The broker accepts {} unacknowledged publishes per client, so the tracker publishes at most {} at"
                            + " once instead of {}",
                    serverReceiveMaximum,
                    size,
                    settings.mqttMaxInflightPublishes());
        }
    }

    /** Returns how many publishes may await their PUBACK at once on the current connection. */
    public int publishWindow() {
        return inflightPublishes.size();
    }

    /** Returns how many publishes await their PUBACK. */
    public int publishesInFlight() {
        return inflightPublishes.inFlight();
    }

    public String serverUri() {
        return client.getServerURI();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Returns whether the client is connected and its subscriptions are granted. */
    public boolean isSubscribed() {
        return subscribed && client.isConnected();
    }

    /** Returns how many PUBLISH packets arrived from the broker on any connection. */
    public long messagesReceived() {
        return messagesReceived.get();
    }

    /** Returns how many PUBLISH packets this client has handed to Paho. */
    public long publishesSent() {
        return publishesSent.get();
    }

    /**
     * Disconnects and connects again on the same session, then subscribes. Messages received on the old
     * connection are not acknowledged, so the broker delivers them again and the store skips the repeats.
     *
     * @throws IllegalStateException when the new connection or subscription fails; Paho does not retry it
     */
    public synchronized void reconnect() {
        connectionEpoch.incrementAndGet();
        subscribed = false;
        try {
            client.disconnect(RECONNECT_QUIESCE_MS).waitForCompletion(RECONNECT_QUIESCE_MS * 2);
        } catch (MqttException e) {
            log.debug("Disconnecting before the reconnect failed: {}", e.getMessage());
        }
        connectAndSubscribe();
    }

    /** Stops handing new messages to the sink; they stay unacknowledged, so the broker redelivers them later. */
    public void stopAccepting() {
        accepting = false;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messagesReceived.incrementAndGet();
        if (!accepting) {
            return;
        }
        // The sink only queues the message, so it cannot throw here.
        sink.accept(new InboundMessage(
                topic,
                message.getPayload(),
                message.getId(),
                message.getQos(),
                connectionEpoch.get(),
                Instant.now(),
                sentTime(message)));
    }

    private static @Nullable String sentTime(MqttMessage message) {
        MqttProperties properties = message.getProperties();
        if (properties == null) {
            return null;
        }
        for (UserProperty property : properties.getUserProperties()) {
            if (TelemetryProperties.SENT_TIME.equals(property.getKey())) {
                return property.getValue();
            }
        }
        return null;
    }

    @Override
    public void acknowledge(InboundMessage message) {
        if (message.qos() == 0) {
            return;
        }
        if (message.connectionEpoch() != connectionEpoch.get()) {
            log.trace("Skipping the PUBACK of message {} from an earlier connection", message.messageId());
            return;
        }
        try {
            client.messageArrivedComplete(message.messageId(), message.qos());
        } catch (MqttException e) {
            log.debug("PUBACK of message {} on {} failed: {}", message.messageId(), message.topic(), e.getMessage());
        }
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained) {
        try {
            if (!inflightPublishes.tryAcquire(settings.publishTimeoutMs(), TimeUnit.MILLISECONDS)) {
                publishFailed(topic, "no in-flight slot became free within " + settings.publishTimeoutMs() + " ms");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            publishFailed(topic, "interrupted while waiting for an in-flight slot");
            return;
        }
        try {
            publishesSent.incrementAndGet();
            client.publish(topic, payload, QOS_1, retained, null, new PublishListener(topic));
        } catch (MqttException e) {
            inflightPublishes.release();
            publishFailed(topic, e.getMessage());
        }
    }

    /**
     * Publishes a command without waiting: when no in-flight slot is free or the client is not connected, the
     * callback gets false at once, and the command service retries later.
     */
    @Override
    public void publishCommand(
            String topic, byte[] payload, @Nullable Long messageExpirySeconds, PublishCallback done) {
        // The message is built before the slot is taken, so an invalid property cannot keep the slot forever.
        MqttMessage message = new MqttMessage(payload);
        message.setQos(QOS_1);
        message.setRetained(false);
        if (messageExpirySeconds != null) {
            MqttProperties properties = new MqttProperties();
            properties.setMessageExpiryInterval(messageExpirySeconds);
            message.setProperties(properties);
        }
        if (!inflightPublishes.tryAcquire()) {
            done.completed(false);
            return;
        }
        try {
            publishesSent.incrementAndGet();
            client.publish(topic, message, null, new CommandPublishListener(done));
        } catch (MqttException e) {
            inflightPublishes.release();
            metrics.mqtt().commandPublishFailed();
            log.debug("Publishing a command on {} failed: {}", topic, e.getMessage());
            done.completed(false);
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        // Messages received so far must not be acknowledged on the next connection; see InboundMessage.
        connectionEpoch.incrementAndGet();
        subscribed = false;
        metrics.mqtt().connectionLost();
        if (response.getReturnCode() == TOPIC_ALIAS_INVALID && replacing.compareAndSet(false, true)) {
            // Paho 1.2.5 resends an in-flight PUBLISH with the topic alias of the lost connection and no topic, so
            // its automatic reconnect would fail the same way forever. A new Paho client has no such messages.
            log.warn(
                    "The broker {} rejected a resent state or reject PUBLISH for its stale topic alias; replacing the"
                            + " MQTT client, which drops the publishes in flight. Turn topic aliases off on the broker"
                            + " (HiveMQ: <topic-alias><enabled>false</enabled>, Mosquitto: max_topic_alias 0)",
                    client.getServerURI());
            replacer.execute(this::replaceClient);
        }
        if (response.getReturnCode() == SESSION_TAKEN_OVER) {
            log.error(
                    "Another client connected to {} with the tracker's client id {}, so the broker closed this"
                            + " connection; give each tracker instance its own --mqtt-client-id, or the two take"
                            + " the session from each other",
                    client.getServerURI(),
                    settings.mqttClientId());
        }
        connectionLog.warn(
                "Tracker {} lost its connection to {}: {}; reconnecting",
                settings.mqttClientId(),
                client.getServerURI(),
                disconnectReason(response));
    }

    private static String disconnectReason(MqttDisconnectResponse response) {
        if (response.getReasonString() != null) {
            return response.getReasonString();
        }
        // Passed as text: SLF4J would take a trailing exception argument as the stack trace, not as a value.
        return response.getException() != null
                ? String.valueOf(response.getException().getMessage())
                : "reason code " + response.getReturnCode();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT error on the tracker connection: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // Completion is handled per publish by PublishListener.
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        if (!reconnect) {
            return;
        }
        metrics.mqtt().reconnected();
        connectionLog.info("Tracker {} reconnected to {}", settings.mqttClientId(), serverUri);
        // NOTE: Paho 1.2.5 does not hand the CONNACK of an automatic reconnect to the callback, so the publish window
        // keeps the size of the first connect. A publish beyond a smaller new limit fails and is counted.
        // The broker keeps the subscriptions in the session, but resubscribing also covers a session that expired.
        try {
            client.subscribe(subscriptions(), null, new ResubscribeListener(), new MqttProperties());
        } catch (MqttException e) {
            log.error("Resubscribing after the reconnect to {} failed: {}", serverUri, e.getMessage());
        }
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        log.debug("Ignoring an AUTH packet with reason code {}", reasonCode);
    }

    /**
     * Closes the current Paho client without waiting and connects a new one on the same session, so that the broker
     * redelivers the unacknowledged messages. The publishes in flight on the old client are lost and not counted.
     */
    private synchronized void replaceClient() {
        MqttAsyncClient stale = client;
        try {
            stale.disconnectForcibly(0, RECONNECT_QUIESCE_MS, false);
        } catch (MqttException e) {
            log.debug("Disconnecting the replaced client failed: {}", e.getMessage());
        }
        try {
            stale.close(true);
        } catch (MqttException e) {
            log.debug("Closing the replaced client failed: {}", e.getMessage());
        }
        client = newClient(stale.getServerURI());
        // The old client's publish listeners may never run, so their in-flight slots are given back here.
        inflightPublishes.reset();
        replacing.set(false);
        connectReplacement();
    }

    /** Connects the replacement client, trying again every {@value #RECONNECT_MIN_DELAY_SECONDS} s until it works. */
    private void connectReplacement() {
        if (!accepting) {
            return;
        }
        try {
            connectAndSubscribe();
        } catch (IllegalStateException e) {
            log.warn("Connecting the new MQTT client failed, retrying: {}", e.getMessage());
            replacer.schedule(this::connectReplacement, RECONNECT_MIN_DELAY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Disconnects, giving queued PUBACKs and publishes up to 5 s to leave, and releases the client. */
    @Override
    public void close() {
        // TODO: leave $share/trackers before a planned removal: Mosquitto 2.0 deals messages to a stopped member.
        accepting = false;
        subscribed = false;
        replacer.shutdownNow();
        boolean wasConnected = client.isConnected();
        try {
            if (wasConnected) {
                client.disconnect(DISCONNECT_QUIESCE_MS).waitForCompletion(DISCONNECT_QUIESCE_MS * 2);
            }
        } catch (MqttException e) {
            log.warn("Disconnecting from {} failed: {}", client.getServerURI(), e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.warn("Closing the MQTT client failed: {}", e.getMessage());
        }
        if (wasConnected) {
            connectionLog.info("Tracker {} disconnected from {}", settings.mqttClientId(), client.getServerURI());
        }
    }

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(settings.mqttUsername());
        options.setPassword(settings.mqttPassword().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpirySeconds());
        options.setReceiveMaximum(settings.mqttReceiveMaximum());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(RECONNECT_MIN_DELAY_SECONDS, RECONNECT_MAX_DELAY_SECONDS);
        options.setConnectionTimeout((int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(settings.connectTimeoutMs())));
        options.setSocketFactory(socketFactory);
        options.setHttpsHostnameVerificationEnabled(true);
        return options;
    }

    /**
     * Returns the tracker's subscriptions. With the embedded broker there is one tracker, and it subscribes plainly.
     * In TrackerKillIT a SIGKILL of the tracker and its embedded broker lost no acknowledged message of a plain
     * subscription, but up to 30 of a shared one. With an external broker several trackers split the telemetry
     * through the shared group {@code trackers}.
     */
    private MqttSubscription[] subscriptions() {
        boolean shared = settings.brokerUrl() != null;
        return new MqttSubscription[] {
            new MqttSubscription(shared ? Topics.TRACKER_TELEMETRY_SUBSCRIPTION : Topics.ALL_TELEMETRY, QOS_1),
            // In cluster mode each presence message goes to one instance, which stores it with the vehicle's version,
            // so no two instances raise its event. Retained presence does not reach a shared subscription, so the
            // stored presence stands in for it (docs/cluster.md).
            new MqttSubscription(
                    settings.clusterEnabled() ? Topics.TRACKER_PRESENCE_SUBSCRIPTION : Topics.ALL_PRESENCE, QOS_1),
            // The broker grants acks to the tracker as a plain subscription only. Several trackers on one database
            // each get every ack, and the stored steps make the repeats change nothing.
            new MqttSubscription(Topics.ALL_COMMAND_ACKS, QOS_1),
            new MqttSubscription(
                    shared ? OwnTracksTopics.TRACKER_LOCATIONS_SUBSCRIPTION : OwnTracksTopics.ALL_LOCATIONS, QOS_1),
            new MqttSubscription(
                    shared ? OwnTracksTopics.TRACKER_EVENTS_SUBSCRIPTION : OwnTracksTopics.ALL_EVENTS, QOS_1)
        };
    }

    private void checkGranted(IMqttToken subscribe) {
        int[] codes = subscribe.getReasonCodes();
        for (int code : codes) {
            // Reason codes from 0x80 up are failures, such as 0x87 "not authorized".
            if (code >= 0x80) {
                metrics.mqtt().subscribeFailed();
                throw new IllegalStateException("The broker rejected the tracker's subscriptions with reason code 0x"
                        + Integer.toHexString(code) + "; check the tracker's role in the users file");
            }
        }
    }

    private void publishFailed(String topic, String reason) {
        metrics.publishFailed();
        log.warn("Publishing on {} failed: {}", topic, reason);
    }

    private final class PublishListener implements MqttActionListener {
        private final String topic;

        PublishListener(String topic) {
            this.topic = topic;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            inflightPublishes.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            inflightPublishes.release();
            publishFailed(topic, exception.getMessage());
        }
    }

    private final class CommandPublishListener implements MqttActionListener {
        private final PublishCallback done;

        CommandPublishListener(PublishCallback done) {
            this.done = done;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            inflightPublishes.release();
            done.completed(true);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            inflightPublishes.release();
            metrics.mqtt().commandPublishFailed();
            log.debug("A command publish failed: {}", exception.getMessage());
            done.completed(false);
        }
    }

    private final class ResubscribeListener implements MqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            try {
                checkGranted(token);
                subscribed = true;
            } catch (IllegalStateException e) {
                log.error("Resubscribing failed: {}", e.getMessage());
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            metrics.mqtt().subscribeFailed();
            log.error("Resubscribing failed: {}", exception.getMessage());
        }
    }

    /** Passes the callbacks of one Paho client on while it is the current one; a replaced client's are dropped. */
    private final class CurrentClientCallback implements MqttCallback {
        private final MqttAsyncClient source;

        CurrentClientCallback(MqttAsyncClient source) {
            this.source = source;
        }

        private boolean current() {
            return source == client;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (current()) {
                TrackerMqttClient.this.disconnected(response);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            if (current()) {
                TrackerMqttClient.this.mqttErrorOccurred(exception);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (current()) {
                TrackerMqttClient.this.messageArrived(topic, message);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Completion is handled per publish by PublishListener.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (current()) {
                TrackerMqttClient.this.connectComplete(reconnect, serverUri);
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            TrackerMqttClient.this.authPacketArrived(reasonCode, properties);
        }
    }
}
