package org.fleettracker.console.testing;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.fleettracker.protocol.api.Json;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vehicles {@code v-0000} onwards of one fleet that all keep moving and report a fix each per interval, published on
 * their telemetry topics straight to a broker, as the vehicles themselves would.
 *
 * <p>One MQTT client with the demo admin account publishes for every vehicle, because the broker extension hashes
 * each vehicle login with PBKDF2 and a thousand of those logins would take minutes. Each vehicle drives north-east
 * at 40 km/h from a start of its own in a box around Berlin.
 */
public final class MovingFleet implements AutoCloseable {

    /** Ground speed of every vehicle. */
    public static final double SPEED_KMH = 40.0;

    private static final Logger log = LoggerFactory.getLogger(MovingFleet.class);
    private static final String ADMIN_USER = "admin";
    private static final String ADMIN_PASSWORD = "admin-demo";
    private static final double METRES_PER_DEGREE_LATITUDE = 111_320.0;

    private final String fleetId;
    private final int size;
    private final MqttClient client;
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "moving-fleet");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> panicking = ConcurrentHashMap.newKeySet();
    private final AtomicLong published = new AtomicLong();
    private final Instant start = Instant.now();
    private long seq;

    private MovingFleet(String fleetId, int size, MqttClient client) {
        this.fleetId = fleetId;
        this.size = size;
        this.client = client;
    }

    /** Connects to {@code serverUri} and starts publishing a fix of every vehicle per {@code interval}. */
    public static MovingFleet start(String serverUri, String fleetId, int size, Duration interval)
            throws MqttException {
        MqttClient client = new MqttClient(serverUri, "moving-fleet-" + fleetId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(ADMIN_USER);
        options.setPassword(ADMIN_PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(30);
        client.connect(options);
        MovingFleet fleet = new MovingFleet(fleetId, size, client);
        fleet.publisher.scheduleAtFixedRate(fleet::publishRound, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return fleet;
    }

    public static String vehicleId(int index) {
        return SyntheticFleet.vehicleId(index);
    }

    public int size() {
        return size;
    }

    /** Presses the panic button of {@code vehicleId}: its fixes from the next round on carry the panic flag. */
    public void pressPanic(String vehicleId) {
        panicking.add(vehicleId);
    }

    /** Returns how many fixes were published. */
    public long publishedCount() {
        return published.get();
    }

    private void publishRound() {
        seq++;
        Instant fixTime = Instant.now();
        double drivenM = SPEED_KMH / 3.6 * Duration.between(start, fixTime).toMillis() / 1000.0;
        try {
            for (int index = 0; index < size; index++) {
                Telemetry fix = fix(index, seq, fixTime, drivenM);
                client.publish(Topics.telemetry(fleetId, fix.vehicleId()), Json.encode(fix), 1, false);
                published.incrementAndGet();
            }
        } catch (MqttException e) {
            log.warn("Publishing round {} of fleet {} failed: {}", seq, fleetId, e.getMessage());
        }
    }

    private Telemetry fix(int index, long sequence, Instant fixTime, double drivenM) {
        String vehicleId = vehicleId(index);
        // Starts on a grid of 0.01 degrees, about 1 km, with 40 vehicles per row.
        double startLatitudeDeg = 52.40 + (index / 40) * 0.01;
        double startLongitudeDeg = 13.20 + (index % 40) * 0.01;
        double stepDeg = drivenM / Math.sqrt(2) / METRES_PER_DEGREE_LATITUDE;
        double latitudeDeg = startLatitudeDeg + stepDeg;
        double longitudeDeg = startLongitudeDeg + stepDeg / Math.cos(Math.toRadians(startLatitudeDeg));
        return new Telemetry(
                vehicleId,
                sequence,
                fixTime,
                latitudeDeg,
                longitudeDeg,
                SPEED_KMH,
                45,
                null,
                5.0,
                null,
                true,
                null,
                panicking.contains(vehicleId));
    }

    @Override
    public void close() throws MqttException {
        publisher.shutdownNow();
        try {
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
