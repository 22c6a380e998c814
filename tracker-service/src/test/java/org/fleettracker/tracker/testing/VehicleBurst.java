package org.fleettracker.tracker.testing;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.fleettracker.protocol.api.NoDelaySocketFactory;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.TelemetryCodec;
import org.fleettracker.protocol.api.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * Vehicles that publish a burst of QoS 1 fixes at once, each on its own real Paho connection, and count a fix as
 * acknowledged when its PUBACK carries a reason code below 0x80.
 *
 * <p>With {@code resend} a vehicle whose publish failed reconnects and sends the same fix again, as a device with a
 * local buffer does; without it the fix counts as not acknowledged.
 */
public final class VehicleBurst implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VehicleBurst.class);

    private static final long PUBACK_TIMEOUT_MS = 10_000;

    /** One fix by its identity in the store. */
    public record Key(String vehicleId, long seq) {}

    private final Set<Key> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final ExecutorService vehicles;
    private final List<Future<?>> running = new ArrayList<>();
    private final String serverUri;
    private final boolean resend;
    private final long holdBeforeSeq;
    private final CountDownLatch hold = new CountDownLatch(1);
    private final UnaryOperator<String> usernameOf;

    private VehicleBurst(
            String serverUri, int vehicleCount, boolean resend, long holdBeforeSeq, UnaryOperator<String> usernameOf) {
        this.serverUri = serverUri;
        this.resend = resend;
        this.holdBeforeSeq = holdBeforeSeq;
        this.usernameOf = usernameOf;
        this.vehicles = Executors.newFixedThreadPool(vehicleCount);
    }

    /**
     * Starts {@code vehicleCount} vehicles named {@code <prefix>-<n>}, each publishing {@code fixesPerVehicle} fixes
     * one second apart from {@code firstFixTime}, seq from 1.
     */
    public static VehicleBurst start(
            String serverUri,
            String prefix,
            int vehicleCount,
            int fixesPerVehicle,
            Instant firstFixTime,
            boolean resend) {
        return startHeld(serverUri, prefix, vehicleCount, fixesPerVehicle, firstFixTime, resend, Long.MAX_VALUE);
    }

    /**
     * Starts vehicles as {@link #start} does, but each one waits before publishing the fix with seq
     * {@code holdBeforeSeq} until {@link #release()}, so a test can start a fault while every vehicle still has
     * fixes to send.
     */
    public static VehicleBurst startHeld(
            String serverUri,
            String prefix,
            int vehicleCount,
            int fixesPerVehicle,
            Instant firstFixTime,
            boolean resend,
            long holdBeforeSeq) {
        return startHeld(
                serverUri,
                prefix,
                vehicleCount,
                fixesPerVehicle,
                firstFixTime,
                resend,
                holdBeforeSeq,
                vehicleId -> TestUsers.DEMO_VEHICLES);
    }

    /**
     * Starts vehicles as {@link #startHeld(String, String, int, int, Instant, boolean, long)} does, each logging in
     * as {@code usernameOf.apply(vehicleId)} with the demo vehicle password, such as one account per vehicle.
     */
    public static VehicleBurst startHeld(
            String serverUri,
            String prefix,
            int vehicleCount,
            int fixesPerVehicle,
            Instant firstFixTime,
            boolean resend,
            long holdBeforeSeq,
            UnaryOperator<String> usernameOf) {
        VehicleBurst burst = new VehicleBurst(serverUri, vehicleCount, resend, holdBeforeSeq, usernameOf);
        for (int v = 1; v <= vehicleCount; v++) {
            String vehicleId = prefix + "-" + v;
            List<Telemetry> fixes = track(vehicleId, fixesPerVehicle, firstFixTime);
            burst.running.add(burst.vehicles.submit(() -> burst.publishAll(vehicleId, fixes)));
        }
        return burst;
    }

    private static List<Telemetry> track(String vehicleId, int count, Instant firstFixTime) {
        List<Telemetry> fixes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fixes.add(Fixes.fix(vehicleId, i + 1L, firstFixTime.plusSeconds(i), 52.5 + i * 0.0001, 13.4 + i * 0.00015));
        }
        return fixes;
    }

    private Void publishAll(String vehicleId, List<Telemetry> fixes) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(serverUri, vehicleId, new MemoryPersistence());
        try {
            client.connect(options(vehicleId)).waitForCompletion(PUBACK_TIMEOUT_MS);
            for (Telemetry fix : fixes) {
                if (fix.seq() == holdBeforeSeq) {
                    awaitRelease();
                }
                sent.incrementAndGet();
                boolean acked = publish(client, fix);
                while (!acked && resend) {
                    await().atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> connected(client));
                    acked = publish(client, fix);
                }
            }
            client.disconnect().waitForCompletion(PUBACK_TIMEOUT_MS);
        } finally {
            client.close(true);
        }
        return null;
    }

    /** Lets the vehicles of a {@link #startHeld} burst go on. */
    public void release() {
        hold.countDown();
    }

    private void awaitRelease() {
        try {
            if (!hold.await(PUBACK_TIMEOUT_MS * 12, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the burst was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
    }

    /** Connects again when the connection is lost; returns whether the client is connected. */
    private boolean connected(MqttAsyncClient client) {
        if (client.isConnected()) {
            return true;
        }
        try {
            client.connect(options(client.getClientId())).waitForCompletion(PUBACK_TIMEOUT_MS);
        } catch (MqttException e) {
            log.debug("Reconnecting {} failed: {}", client.getClientId(), e.getMessage());
        }
        return client.isConnected();
    }

    private boolean publish(MqttAsyncClient client, Telemetry fix) {
        MqttMessage message = new MqttMessage(TelemetryCodec.encode(fix));
        message.setQos(1);
        attempts.incrementAndGet();
        try {
            IMqttToken token = publishWhenSlotFree(client, message, Topics.telemetry(TestUsers.FLEET, fix.vehicleId()));
            token.waitForCompletion(PUBACK_TIMEOUT_MS);
            int[] codes = token.getReasonCodes();
            if (token.isComplete() && token.getException() == null && (codes == null || codes[0] < 0x80)) {
                acknowledged.add(new Key(fix.vehicleId(), fix.seq()));
                return true;
            }
        } catch (MqttException e) {
            log.debug("Publishing seq {} of {} failed: {}", fix.seq(), fix.vehicleId(), e.getMessage());
        }
        failedAttempts.incrementAndGet();
        return false;
    }

    /** Publishes, waiting while Paho reports the previous PUBACK's token complete before it frees the slot. */
    private static IMqttToken publishWhenSlotFree(MqttAsyncClient client, MqttMessage message, String topic)
            throws MqttException {
        AtomicReference<IMqttToken> token = new AtomicReference<>();
        AtomicReference<MqttException> failure = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    try {
                        token.set(client.publish(topic, message));
                    } catch (MqttException e) {
                        if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                            return false;
                        }
                        failure.set(e);
                    }
                    return true;
                });
        if (failure.get() != null) {
            throw failure.get();
        }
        return token.get();
    }

    private MqttConnectionOptions options(String vehicleId) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setUserName(usernameOf.apply(vehicleId));
        options.setPassword(TestUsers.VEHICLE_PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(10);
        // The vehicle reconnects itself: Paho 1.2.5's automatic reconnect did not come back after a broker restart.
        options.setAutomaticReconnect(false);
        options.setSocketFactory(NoDelaySocketFactory.forUri(serverUri, null));
        return options;
    }

    /**
     * Waits until every vehicle has published all of its fixes.
     *
     * @throws AssertionError when a vehicle failed or the time ran out
     */
    public void awaitDone(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<?> vehicle : running) {
            vehicle.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** Returns the fixes whose PUBACK reported success. */
    public Set<Key> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Returns how many distinct fixes the vehicles have published so far, each counted once. */
    public long sent() {
        return sent.get();
    }

    /** Returns how many PUBLISH attempts the vehicles made, resends included. */
    public long attempts() {
        return attempts.get();
    }

    /** Returns how many PUBLISH attempts failed or got an error reason code. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    @Override
    public void close() {
        vehicles.shutdownNow();
    }
}
