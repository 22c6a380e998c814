package org.fleettracker.tracker.internal.ingest;

/** What the ingest pipeline sends to the broker. Implementations are thread-safe and never throw. */
public interface MqttOutbound {

    /**
     * Publishes at QoS 1 without waiting for the PUBACK. Blocks while the in-flight window is full; a publish
     * that fails or times out is logged and counted, not retried.
     */
    void publish(String topic, byte[] payload, boolean retained);

    /**
     * Sends the PUBACK of a QoS 1 message; does nothing for QoS 0 and for a message that arrived on an earlier
     * connection, which the broker redelivers anyway.
     */
    void acknowledge(InboundMessage message);
}
