package org.fleettracker.protocol.api;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One rejected input, published on the fleet's rejects topic.
 *
 * @param vehicleId the vehicle named by the topic, or null when the topic names none
 * @param payloadExcerpt the start of the payload as UTF-8 text, at most {@link #MAX_EXCERPT_CHARS} characters
 */
public record Reject(
        String fleetId,
        @Nullable String vehicleId,
        String topic,
        RejectReason reason,
        String detail,
        Instant receivedTime,
        String payloadExcerpt) {

    /** Maximum length of {@link #payloadExcerpt}, in characters. */
    public static final int MAX_EXCERPT_CHARS = 256;
}
