package org.fleettracker.tracker.internal.ingest;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One MQTT message as received, before decoding.
 *
 * @param messageId the MQTT packet identifier, needed to acknowledge a QoS 1 message
 * @param connectionEpoch number of the MQTT connection it arrived on; an acknowledgement on a later connection
 *     would name a packet identifier that the broker may have reused, so it is skipped
 * @param receivedTime when the tracker received the message, in UTC
 * @param sentTime the value of the {@code sent-time} user property as sent, not yet parsed, or null when the message
 *     has none (see {@link org.fleettracker.protocol.api.TelemetryProperties#SENT_TIME}); only the latency meters
 *     read it
 */
public record InboundMessage(
        String topic,
        byte[] payload,
        int messageId,
        int qos,
        long connectionEpoch,
        Instant receivedTime,
        @Nullable String sentTime) {

    /** Creates a message without a {@code sent-time} user property. */
    public InboundMessage(
            String topic, byte[] payload, int messageId, int qos, long connectionEpoch, Instant receivedTime) {
        this(topic, payload, messageId, qos, connectionEpoch, receivedTime, null);
    }
}
