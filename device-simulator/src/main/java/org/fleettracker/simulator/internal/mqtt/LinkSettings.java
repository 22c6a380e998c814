package org.fleettracker.simulator.internal.mqtt;

import org.fleettracker.simulator.internal.buffer.OverflowPolicy;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * How a vehicle link connects and buffers.
 *
 * @param username MQTT user name; each {@value #VEHICLE_ID_PLACEHOLDER} in it stands for the link's client id
 * @param bufferSize maximum number of fixes a vehicle queues while they wait to be sent; {@code overflow} chooses
 *     which is dropped beyond it
 * @param maxInFlight most unacknowledged QoS 1 telemetry publishes, further capped by the broker's receive maximum
 * @param closeTimeout how long closing waits for the offline presence and the DISCONNECT
 * @param sslContext trusted certificates for an {@code ssl://} broker URL, or null for the JVM's trust store
 * @param commands whether the link subscribes to the vehicle's commands topic and sends acks
 * @param overflow which fix a full outbox drops
 */
public record LinkSettings(
        String brokerUrl,
        String fleetId,
        String username,
        String password,
        int bufferSize,
        int maxInFlight,
        Duration reconnectInitialDelay,
        Duration reconnectMaxDelay,
        double reconnectJitterFraction,
        Duration keepAlive,
        Duration connectTimeout,
        Duration closeTimeout,
        @Nullable SSLContext sslContext,
        boolean commands,
        OverflowPolicy overflow) {

    /** Creates settings whose full outbox drops its oldest fix. */
    public LinkSettings(
            String brokerUrl,
            String fleetId,
            String username,
            String password,
            int bufferSize,
            int maxInFlight,
            Duration reconnectInitialDelay,
            Duration reconnectMaxDelay,
            double reconnectJitterFraction,
            Duration keepAlive,
            Duration connectTimeout,
            Duration closeTimeout,
            @Nullable SSLContext sslContext,
            boolean commands) {
        this(
                brokerUrl,
                fleetId,
                username,
                password,
                bufferSize,
                maxInFlight,
                reconnectInitialDelay,
                reconnectMaxDelay,
                reconnectJitterFraction,
                keepAlive,
                connectTimeout,
                closeTimeout,
                sslContext,
                commands,
                OverflowPolicy.DROP_OLDEST);
    }

    /** Text in {@link #username()} that a link replaces by its client id. */
    public static final String VEHICLE_ID_PLACEHOLDER = "{vehicle}";

    public LinkSettings {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be at least 1, got " + bufferSize);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
    }

    /** Returns the user name that the link with MQTT client id {@code clientId} logs in with. */
    public String usernameOf(String clientId) {
        return username.replace(VEHICLE_ID_PLACEHOLDER, clientId);
    }

    @Override
    public String toString() {
        return "LinkSettings[brokerUrl=" + brokerUrl + ", fleetId=" + fleetId + ", username=" + username
                + ", password=***, bufferSize=" + bufferSize + ", maxInFlight=" + maxInFlight + ", commands=" + commands
                + ", overflow=" + overflow + "]";
    }
}
