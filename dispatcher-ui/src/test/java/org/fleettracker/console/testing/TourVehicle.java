package org.fleettracker.console.testing;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.fleettracker.protocol.api.Command;
import org.fleettracker.protocol.api.CommandAck;
import org.fleettracker.protocol.api.CommandAckStatus;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Presence;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.awaitility.Awaitility.await;

/**
 * One vehicle of a test, on its own MQTT connection with the demo vehicle account: it publishes fixes along a
 * {@link LoopRoute}, its presence (retained, with an {@code offline} last will), and on request answers the commands
 * on its commands topic with {@code received} and then {@code accepted}, as a vehicle that takes every command.
 *
 * <p>Thread-safe: fixes may be published from any thread; acks are sent from the vehicle's own thread, because a
 * blocking publish inside Paho's message callback would wait on the thread that delivers its acknowledgement.
 */
public final class TourVehicle implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TourVehicle.class);

    private static final String USERNAME = "demo-vehicles";
    private static final String PASSWORD = "vehicle-demo";
    private static final int CONNECT_TIMEOUT_S = 10;
    /** How long the panic button stays pressed, in fix time. */
    private static final Duration PANIC_PRESS = Duration.ofSeconds(15);

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final String fleetId;
    private final String vehicleId;
    private final LoopRoute route;
    private final boolean ignition;
    private final MqttClient client;
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final ExecutorService ackSender;
    private @Nullable Instant panicTime;
    private long seq;

    private TourVehicle(String fleetId, String vehicleId, LoopRoute route, boolean ignition, MqttClient client) {
        this.fleetId = fleetId;
        this.vehicleId = vehicleId;
        this.route = route;
        this.ignition = ignition;
        this.client = client;
        this.ackSender = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-acks-" + vehicleId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects the vehicle to the broker at {@code serverUri} and publishes its {@code online} presence.
     *
     * @param ignition the ignition flag of every fix; off makes a standing vehicle {@code stopped}, not idle
     * @throws MqttException when the broker cannot be reached or refuses the login
     */
    public static TourVehicle connect(
            String serverUri, String fleetId, String vehicleId, LoopRoute route, boolean ignition)
            throws MqttException {
        MqttClient client = new MqttClient(serverUri, vehicleId, new MemoryPersistence());
        TourVehicle vehicle = new TourVehicle(fleetId, vehicleId, route, ignition, client);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(USERNAME);
        options.setPassword(PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(CONNECT_TIMEOUT_S);
        options.setWill(vehicle.presenceTopic(), presenceMessage(Presence.OFFLINE));
        client.setCallback(vehicle.new CommandCallback());
        client.connect(options);
        vehicle.publish(vehicle.presenceTopic(), presenceMessage(Presence.ONLINE));
        return vehicle;
    }

    public String vehicleId() {
        return vehicleId;
    }

    public LoopRoute route() {
        return route;
    }

    /** Makes the fixes from {@code time} on report the panic button pressed, for 15 s of fix time. */
    public synchronized void pressPanicAt(Instant time) {
        panicTime = time;
    }

    /**
     * Publishes the fix at {@code fixTime} on the route (QoS 1) and waits for the broker's PUBACK.
     *
     * @throws RuntimeException when the publish fails or no PUBACK arrives within 10 s
     */
    public void publishFix(Instant fixTime) {
        Telemetry fix = fixAt(fixTime);
        publish(Topics.telemetry(fleetId, vehicleId), message(Json.encode(fix), false));
    }

    /**
     * Subscribes to the vehicle's commands topic; every command that arrives is acked and listed in {@link
     * #commands()}.
     *
     * @throws MqttException when the subscription fails
     */
    public void answerCommands() throws MqttException {
        client.subscribe(Topics.commands(fleetId, vehicleId), 1);
    }

    /** Returns the commands the vehicle received, in order of arrival, repeats included. */
    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /**
     * Publishes the retained {@code offline} presence and disconnects, as a vehicle that is switched off does.
     *
     * @throws MqttException when the disconnect fails
     */
    public void goOffline() throws MqttException {
        publish(presenceTopic(), presenceMessage(Presence.OFFLINE));
        client.disconnect();
    }

    @Override
    public void close() throws MqttException {
        ackSender.shutdownNow();
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }

    private synchronized Telemetry fixAt(Instant fixTime) {
        seq++;
        LoopRoute.Point point = route.at(fixTime);
        Instant pressed = panicTime;
        boolean panic = pressed != null && !fixTime.isBefore(pressed) && fixTime.isBefore(pressed.plus(PANIC_PRESS));
        return new Telemetry(
                vehicleId,
                seq,
                fixTime,
                point.latitudeDeg(),
                point.longitudeDeg(),
                point.speedKmh(),
                point.headingDeg(),
                300.0,
                5.0,
                null,
                ignition,
                90.0,
                panic);
    }

    private void acknowledge(Command command) {
        for (CommandAckStatus status : List.of(CommandAckStatus.RECEIVED, CommandAckStatus.ACCEPTED)) {
            CommandAck ack = new CommandAck(command.commandId(), vehicleId, status, Instant.now(), null);
            try {
                publish(Topics.commandAcks(fleetId, vehicleId), message(Json.encode(ack), false));
            } catch (RuntimeException e) {
                // Awaitility wraps a failed publish, and gives up after the publish timeout.
                log.warn("Vehicle {} could not ack command {}: {}", vehicleId, command.commandId(), e.getMessage());
                return;
            }
        }
    }

    private String presenceTopic() {
        return Topics.presence(fleetId, vehicleId);
    }

    /**
     * Publishes and waits for the PUBACK. Paho can still count the previous, acknowledged publish as in flight for a
     * moment and refuse with reason code 32202; that publish is tried again.
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

    private static MqttMessage presenceMessage(Presence presence) {
        return message(presence.payload(), true);
    }

    private static MqttMessage message(byte[] payload, boolean retained) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        return message;
    }

    /** Queues the acks of each command that arrives; the vehicle subscribes to nothing else. */
    private final class CommandCallback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Command command;
            try {
                command = Json.decode(message.getPayload(), Command.class);
            } catch (RuntimeException e) {
                log.warn("Vehicle {} got an invalid command on {}: {}", vehicleId, topic, e.getMessage());
                return;
            }
            log.info("Vehicle {} got {} command {}", vehicleId, command.type().code(), command.commandId());
            commands.add(command);
            ackSender.execute(() -> acknowledge(command));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.debug("Vehicle {} was disconnected: {}", vehicleId, response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error of vehicle {}: {}", vehicleId, exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
