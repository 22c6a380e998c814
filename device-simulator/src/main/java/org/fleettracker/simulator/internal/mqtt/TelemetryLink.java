package org.fleettracker.simulator.internal.mqtt;

import org.fleettracker.protocol.api.Telemetry;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CompletableFuture;

/**
 * One simulated vehicle's way to the broker: its own connection ({@link VehicleLink}) or its share of a gateway's
 * connection ({@link VehicleLink.Member}). The counters are this vehicle's own. Implementations are thread-safe.
 */
public interface TelemetryLink {

    String vehicleId();

    /** Starts connecting; for a vehicle of a gateway, the first call of any of its vehicles starts the gateway. */
    void start();

    /** Queues a fix; it is sent as soon as the connection is up and the in-flight window has room. */
    void submit(Telemetry fix);

    /**
     * Queues a telemetry payload as it is, valid or not, behind every payload submitted before it.
     *
     * @param seq the seq that logs name the payload by
     */
    void submitPayload(long seq, byte[] payload);

    /** Sets the action that runs each time the last pending fix of this vehicle leaves the link. */
    void onIdle(Runnable listener);

    /** Sets the action that runs once the broker rejected the connect for good. */
    void onConnectRejected(Runnable listener);

    /** Returns why the broker rejected the connect for good, or null while connecting may still succeed. */
    @Nullable
    ConnectRejection connectRejection();

    String brokerUrl();

    boolean isConnected();

    /** Returns how many telemetry PUBLISH packets of this vehicle were handed to the client, resends included. */
    long published();

    /** Returns how many fixes the broker acknowledged with a success reason code. */
    long acknowledged();

    /** Returns how many fixes the broker rejected with an error reason code; they are not sent again. */
    long rejected();

    /** Returns how many fixes wait in the outbox or in flight, not yet acknowledged. */
    int pending();

    /** Returns how many fixes the full outbox dropped, oldest first. */
    long dropped();

    /** Returns how many times the broker acknowledged a fix with QUOTA_EXCEEDED, so that it was queued again. */
    long quotaRetries();

    /** Returns how many fixes were discarded unsent because the broker rejected the connect for good. */
    long discarded();

    /** Returns how many commands the vehicle applied, repeated command ids not counted. */
    long commandsApplied();

    /** Returns how many times the connection came up again after its first connect, counted once per connection. */
    long reconnects();

    /** Returns how many fixes a previous run left in the buffer on disk for this vehicle; 0 without a buffer. */
    default long restored() {
        return 0;
    }

    /** Returns the highest seq among the restored fixes, or -1 when none was restored. */
    default long maxRestoredSeq() {
        return -1;
    }

    /** Sets what the vehicle does with dispatch jobs; call before {@link #start()}. No effect without commands. */
    void handleJobsWith(JobHandler handler);

    /** Publishes the {@code completed} ack of a command the vehicle carried out; nothing without commands. */
    void reportCompleted(String commandId);

    /**
     * Closes the TCP connection without an MQTT DISCONNECT, as a lost network would.
     *
     * @return true when an open connection was closed; false when the link had none, or it was closed already
     */
    boolean dropConnection();

    /** Sends the offline presence, disconnects and releases the client; pending fixes are discarded. */
    CompletableFuture<Void> close();
}
