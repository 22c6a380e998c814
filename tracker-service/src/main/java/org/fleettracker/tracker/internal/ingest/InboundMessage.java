package org.fleettracker.tracker.internal.ingest;

import java.time.Instant;

/**
 * One MQTT message as received, before decoding.
 *
 * @param messageId the MQTT packet identifier, needed to acknowledge a QoS 1 message
 * @param connectionEpoch number of the MQTT connection it arrived on; an acknowledgement on a later connection
 *     would name a packet identifier that the broker may have reused, so it is skipped
 * @param receivedTime when the tracker received the message, in UTC
 */
public record InboundMessage(
        String topic, byte[] payload, int messageId, int qos, long connectionEpoch, Instant receivedTime) {}
