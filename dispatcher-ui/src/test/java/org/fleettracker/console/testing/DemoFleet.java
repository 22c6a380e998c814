package org.fleettracker.console.testing;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.Topics;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;

import static org.awaitility.Awaitility.await;

/**
 * Publishes retained states of a made-up fleet {@code demo} around Munich, as the tracker would: vehicle
 * {@code van-00} to {@code van-NN}, every third one stopped, the last one offline.
 */
public final class DemoFleet implements AutoCloseable {

    public static final String FLEET_ID = "demo";

    private static final double CENTER_LATITUDE_DEG = 48.137;
    private static final double CENTER_LONGITUDE_DEG = 11.575;
    private static final double STEP_DEG = 0.0004;
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final MqttClient client;
    private final String fleetId;
    private final int vehicleCount;
    private final Instant startTime;

    public DemoFleet(String serverUri, int vehicleCount, Instant startTime) throws MqttException {
        this(serverUri, vehicleCount, startTime, null);
    }

    /** Connects over TLS to an {@code ssl://} URI, trusting {@code sslContext} (null: the JVM's trust store). */
    public DemoFleet(String serverUri, int vehicleCount, Instant startTime, @Nullable SSLContext sslContext)
            throws MqttException {
        this(serverUri, FLEET_ID, vehicleCount, startTime, sslContext);
    }

    /**
     * Publishes fleet {@code fleetId} instead of {@code demo}; outside fleet {@code demo} the vehicle ids start with
     * the fleet id, such as {@code north-van-00}, because a vehicle id names one vehicle of one fleet.
     */
    public DemoFleet(
            String serverUri, String fleetId, int vehicleCount, Instant startTime, @Nullable SSLContext sslContext)
            throws MqttException {
        this.fleetId = fleetId;
        this.client = new MqttClient(serverUri, "demo-fleet-publisher-" + fleetId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("tracker");
        options.setPassword("tracker-demo".getBytes(StandardCharsets.UTF_8));
        options.setSocketFactory(NoDelaySocketFactory.forUri(serverUri, sslContext));
        client.connect(options);
        this.vehicleCount = vehicleCount;
        this.startTime = startTime;
    }

    public static String vehicleId(int index) {
        return String.format("van-%02d", index);
    }

    /** Returns the id of vehicle {@code index} of this fleet. */
    public String vehicleIdOf(int index) {
        return FLEET_ID.equals(fleetId) ? vehicleId(index) : fleetId + "-" + vehicleId(index);
    }

    /** Publishes step {@code step} of every vehicle as retained state (QoS 1), with its presence. */
    public void publishStep(int step) throws MqttException {
        for (int i = 0; i < vehicleCount; i++) {
            VehicleState state = state(i, step);
            publish(Topics.state(fleetId, state.vehicleId()), retained(Json.encode(state)));
            Presence presence = Boolean.TRUE.equals(state.online()) ? Presence.ONLINE : Presence.OFFLINE;
            publish(Topics.presence(fleetId, state.vehicleId()), retained(presence.payload()));
        }
    }

    /** Publishes a raw payload on the state topic of {@code vehicleId}, not retained. */
    public void publishRaw(String vehicleId, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        publish(Topics.state(fleetId, vehicleId), message);
    }

    /**
     * Publishes and waits for the PUBACK. Paho can still count the previous, acknowledged publish as in flight
     * for a moment and refuse with reason code 32202; that publish is tried again.
     */
    private void publish(String topic, MqttMessage message) {
        await().atMost(PUBLISH_TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> tryPublish(topic, message));
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

    private VehicleState state(int index, int step) {
        boolean stopped = index % 3 == 2;
        boolean offline = index == vehicleCount - 1;
        double angleRad = 2 * Math.PI * index / vehicleCount;
        double ringDeg = 0.02 + 0.006 * (index % 4);
        double moved = stopped || offline ? 0 : step * STEP_DEG;
        // Moving vehicles drive along (north = cos, east = -sin) of their angle: heading is the negated angle.
        double headingDeg = (360.0 - Math.toDegrees(angleRad)) % 360.0;
        double latitudeDeg = CENTER_LATITUDE_DEG + Math.sin(angleRad) * ringDeg + Math.cos(angleRad) * moved;
        double longitudeDeg = CENTER_LONGITUDE_DEG + Math.cos(angleRad) * ringDeg * 1.5 - Math.sin(angleRad) * moved;
        double speedKmh = stopped || offline ? 0.0 : 30.0 + 4 * index;
        Instant fixTime = startTime.plusSeconds(step);
        return new VehicleState(
                fleetId,
                vehicleIdOf(index),
                1_000L + step,
                fixTime,
                fixTime.plusMillis(150),
                latitudeDeg,
                longitudeDeg,
                speedKmh,
                stopped || offline ? 0.0 : headingDeg,
                520.0,
                4.0,
                10_000.0 + step * 40,
                !stopped,
                80.0,
                MotionStatus.fromSpeed(speedKmh),
                !offline,
                null,
                null,
                fixTime.plusMillis(160));
    }

    private static MqttMessage retained(byte[] payload) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(true);
        return message;
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
