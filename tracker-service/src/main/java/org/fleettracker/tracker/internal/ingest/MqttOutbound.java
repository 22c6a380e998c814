package org.fleettracker.tracker.internal.ingest;

/** What the ingest pipeline sends to the broker. Implementations are thread-safe, and log and count a failure. */
public interface MqttOutbound {

    /**
     * Publishes at QoS 1 without waiting for the PUBACK. Blocks while the in-flight window is full; a publish
     * that fails or times out is logged and counted, not retried.
     */
    void publish(String topic, byte[] payload, boolean retained);

    /**
     * Sends the PUBACK of a QoS 1 message. Does nothing for QoS 0, and nothing for a message that arrived on an
     * earlier connection, because the broker redelivers that one anyway.
     */
    void acknowledge(InboundMessage message);
}
